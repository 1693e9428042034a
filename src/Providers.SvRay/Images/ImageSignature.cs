using System.Buffers.Binary;

namespace Providers.SvRay;

/// <summary>Recognises the image formats the SV Ray image models read, by their magic bytes.</summary>
internal static class ImageSignature
{
    public const string SupportedFormats = "PNG, JPEG, WebP, GIF or BMP";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Gets the media type the bytes' signature names, or <see langword="null"/> when they are no supported image.</summary>
    public static string? DetectMediaType(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return "image/png";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        // "BM" alone also starts plain text, so require a plausible header size too.
        return data.Length >= 26 && data.StartsWith("BM"u8) && BinaryPrimitives.ReadInt32LittleEndian(data[14..]) is 12 or 40 or 52 or 56 or 108 or 124
            ? "image/bmp"
            : null;
    }

    /// <summary>Checks that <paramref name="data"/> is a supported image, or explains, naming the input, why not.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void ThrowIfNotImage(ReadOnlySpan<byte> data, string what, string parameterName)
    {
        if (DetectMediaType(data) is null)
        {
            string start = data.IsEmpty ? "no bytes" : $"{data.Length} bytes starting {Convert.ToHexString(data[..Math.Min(8, data.Length)])}";
            throw new ArgumentException($"{what} is not a {SupportedFormats} image ({start}); nothing was sent.", parameterName);
        }
    }
}

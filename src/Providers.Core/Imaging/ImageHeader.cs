using System.Buffers.Binary;

namespace Providers.Core.Imaging;

/// <summary>
/// The format and pixel size of an encoded image, read from its first bytes without decoding it: the magic bytes
/// name the format, then PNG's IHDR, JPEG's SOF segment, WebP's VP8/VP8L/VP8X chunk, GIF's screen descriptor or
/// BMP's info header give the size.
/// </summary>
/// <param name="Format">The file format.</param>
/// <param name="Width">The stored width in pixels.</param>
/// <param name="Height">The stored height in pixels.</param>
/// <remarks>
/// <para>
/// The size is the stored one: a JPEG's EXIF orientation is not applied, because Qwen2-VL image processors (the ColQwen
/// service, the local ONNX model) open images with PIL without transposing them either, so their patch grids follow
/// the stored size.
/// </para>
/// <para>
/// Only the header is checked: bytes that carry a valid signature but end before the size are refused, while damage
/// further into the file shows only when the image is decoded.
/// </para>
/// </remarks>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    /// <summary>The formats this reader knows, for error messages.</summary>
    public const string SupportedFormats = "PNG, JPEG, WebP, GIF or BMP";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Gets the format's media type, such as <c>image/png</c>.</summary>
    public string MediaType => GetMediaType(Format);

    /// <summary>Gets the media type of a format, such as <c>image/png</c>.</summary>
    /// <param name="format">The format.</param>
    public static string GetMediaType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Gif => "image/gif",
        ImageFormat.Bmp => "image/bmp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Names the format from the magic bytes alone, or returns <see langword="null"/> for anything else.</summary>
    /// <param name="data">The start of the file (16 bytes suffice).</param>
    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> data) =>
        data.StartsWith(PngSignature) ? ImageFormat.Png
        : data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ImageFormat.Jpeg
        : data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8) ? ImageFormat.WebP
        : data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8) ? ImageFormat.Gif
        : data.StartsWith("BM"u8) ? ImageFormat.Bmp
        : null;

    /// <summary>Reads the format and size of an encoded image.</summary>
    /// <param name="data">The image file's bytes (for JPEG, up to its first frame header).</param>
    /// <param name="header">The format and size, when the result is <see langword="true"/>.</param>
    /// <returns><see langword="false"/> when the bytes are not a known format, or its header is truncated or gives no positive size.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;
        if (DetectFormat(data) is not { } format)
        {
            return false;
        }

        var size = format switch
        {
            ImageFormat.Png => ReadPng(data),
            ImageFormat.Jpeg => ReadJpeg(data),
            ImageFormat.WebP => ReadWebP(data),
            ImageFormat.Gif => ReadGif(data),
            _ => ReadBmp(data),
        };

        if (size is not { Width: > 0, Height: > 0 } pixels)
        {
            return false;
        }

        header = new ImageHeader(format, pixels.Width, pixels.Height);
        return true;
    }

    /// <summary>Reads the format and size of an encoded image, or explains why it cannot.</summary>
    /// <param name="data">The image file's bytes.</param>
    /// <param name="what">How to name the image in the error, e.g. "Image 3".</param>
    /// <param name="parameterName">The parameter the image came in, for the error.</param>
    /// <exception cref="ArgumentException">The bytes are not a supported image, or its header is unreadable.</exception>
    public static ImageHeader Read(ReadOnlySpan<byte> data, string what, string? parameterName = null)
    {
        if (TryRead(data, out var header))
        {
            return header;
        }

        throw new ArgumentException(ExplainUnreadable(data, what), parameterName);
    }

    /// <summary>Explains why <see cref="TryRead"/> refuses the bytes, for an error message.</summary>
    /// <param name="data">The bytes <see cref="TryRead"/> refused.</param>
    /// <param name="what">How to name the image, e.g. "Image 3".</param>
    /// <returns>
    /// A sentence naming the problem: an empty input, bytes of no supported format (with their first bytes in hex), or
    /// a known format whose header is truncated or corrupt.
    /// </returns>
    public static string ExplainUnreadable(ReadOnlySpan<byte> data, string what) =>
        DetectFormat(data) is { } format
            ? $"{what} looks like {format} but its header is truncated or corrupt ({data.Length} bytes)."
            : data.IsEmpty ? $"{what} is empty."
            : $"{what} is not a {SupportedFormats} image ({data.Length} bytes starting {Convert.ToHexString(data[..Math.Min(8, data.Length)])}).";

    private static (int Width, int Height)? ReadPng(ReadOnlySpan<byte> data) =>
        data.Length >= 24 && data[12..16].SequenceEqual("IHDR"u8)
            ? (BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]))
            : null;

    private static (int Width, int Height)? ReadGif(ReadOnlySpan<byte> data) =>
        data.Length >= 10 ? (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..])) : null;

    private static (int Width, int Height)? ReadBmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 26)
        {
            return null;
        }

        // BITMAPCOREHEADER (12 bytes) stores 16-bit sizes; the later headers 32-bit ones, with a negative height for
        // top-down rows. Any other header size means "BM" only started some other file.
        return BinaryPrimitives.ReadInt32LittleEndian(data[14..]) switch
        {
            12 => (BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..])),
            40 or 52 or 56 or 108 or 124 => (BinaryPrimitives.ReadInt32LittleEndian(data[18..]), TopDownHeight(BinaryPrimitives.ReadInt32LittleEndian(data[22..]))),
            _ => null,
        };
    }

    private static (int Width, int Height)? ReadWebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return null;
        }

        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height (2 bits of scale above).
            return data[23..26].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A])
                ? (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF)
                : null;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: signature 0x2F, then width-1 and height-1 packed as two 14-bit fields.
            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return data[20] == 0x2F ? ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1) : null;
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: flags and reserved bytes, then canvas width-1 and height-1 as 24-bit values.
            return (ReadUInt24(data[24..]) + 1, ReadUInt24(data[27..]) + 1);
        }

        return null;
    }

    private static (int Width, int Height)? ReadJpeg(ReadOnlySpan<byte> data)
    {
        int position = 2;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            byte marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // markers without a length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // end of image or start of scan before any frame header
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);

            // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frame headers.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return position + 9 <= data.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(data[(position + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]))
                    : null;
            }

            if (length < 2)
            {
                return null;
            }

            position += 2 + length;
        }

        return null;
    }

    private static int TopDownHeight(int height) => height == int.MinValue ? 0 : Math.Abs(height);

    private static int ReadUInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);
}

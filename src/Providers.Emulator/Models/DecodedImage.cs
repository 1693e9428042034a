using SkiaSharp;

namespace Providers.Emulator.Models;

/// <summary>An image the emulator could decode, with its real size and format.</summary>
internal sealed class DecodedImage : IDisposable
{
    private DecodedImage(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        Bitmap = bitmap;
        Format = format;
    }

    public SKBitmap Bitmap { get; }

    public SKEncodedImageFormat Format { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>
    /// Decodes <paramref name="bytes"/>, or returns null when they are not an image Skia can read. An image whose
    /// data ends early comes back decoded as far as it goes (the rest blank), as lenient decoders give it.
    /// </summary>
    public static DecodedImage? TryDecode(byte[] bytes)
    {
        var image = TryDecode(bytes, out var completeness);
        if (completeness is ImageCompleteness.Complete or ImageCompleteness.Truncated)
        {
            return image;
        }

        image?.Dispose();
        return null;
    }

    /// <summary>Decodes <paramref name="bytes"/> and says how far it got; the image is null only when nothing could be read.</summary>
    public static DecodedImage? TryDecode(byte[] bytes, out ImageCompleteness completeness)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            completeness = ImageCompleteness.NotAnImage;
            return null;
        }

        // As SKBitmap.Decode(codec) sets it up, which keeps every decoded pixel as it was before this method existed.
        var info = codec.Info;
        if (info.AlphaType == SKAlphaType.Unpremul)
        {
            info.AlphaType = SKAlphaType.Premul;
        }

        info.ColorSpace = null;
        var bitmap = new SKBitmap(info);
        completeness = codec.GetPixels(info, bitmap.GetPixels()) switch
        {
            SKCodecResult.Success => ImageCompleteness.Complete,
            SKCodecResult.IncompleteInput => ImageCompleteness.Truncated,
            _ => ImageCompleteness.Corrupt,
        };
        if (completeness == ImageCompleteness.Corrupt)
        {
            bitmap.Dispose();
            return null;
        }

        return new DecodedImage(bitmap, codec.EncodedFormat);
    }

    /// <summary>The image scaled to <paramref name="width"/>×<paramref name="height"/>, averaging what it shrinks.</summary>
    public SKBitmap ScaledTo(int width, int height) =>
        Bitmap.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
        ?? throw new InvalidOperationException($"Could not scale a {Width}x{Height} image.");

    public void Dispose() => Bitmap.Dispose();
}

/// <summary>How much of an image's data a decoder could read.</summary>
internal enum ImageCompleteness
{
    Complete,

    /// <summary>The data ended before the last pixel.</summary>
    Truncated,

    /// <summary>The header was read but the pixel data is damaged.</summary>
    Corrupt,

    /// <summary>No decoder recognises the data.</summary>
    NotAnImage,
}

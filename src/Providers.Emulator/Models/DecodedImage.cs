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

    /// <summary>Decodes <paramref name="bytes"/>, or returns null when they are not an image Skia can read.</summary>
    public static DecodedImage? TryDecode(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        var bitmap = SKBitmap.Decode(codec);
        return bitmap is null ? null : new DecodedImage(bitmap, codec.EncodedFormat);
    }

    /// <summary>The image scaled to <paramref name="width"/>×<paramref name="height"/>, averaging what it shrinks.</summary>
    public SKBitmap ScaledTo(int width, int height) =>
        Bitmap.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
        ?? throw new InvalidOperationException($"Could not scale a {Width}x{Height} image.");

    public void Dispose() => Bitmap.Dispose();
}

using Microsoft.Extensions.AI;
using SkiaSharp;

namespace Providers.SvRay.Tests.Support;

/// <summary>Real encoded images for tests.</summary>
internal static class TestImages
{
    /// <summary>A fixed 1×1 red PNG, so that request snapshots do not depend on an encoder's version.</summary>
    public const string RedPixelPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    public static byte[] RedPixelPng => Convert.FromBase64String(RedPixelPngBase64);

    public static byte[] Encode(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static DataContent Png(int width, int height, SKColor colour) => new(Encode(width, height, colour), "image/png");
}

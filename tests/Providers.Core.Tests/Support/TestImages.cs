using SkiaSharp;

namespace Providers.Core.Tests.Support;

/// <summary>Real encoded images for tests.</summary>
internal static class TestImages
{
    public static byte[] Encode(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}

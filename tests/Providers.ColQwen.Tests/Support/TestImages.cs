using Microsoft.Extensions.AI;
using SkiaSharp;

namespace Providers.ColQwen.Tests.Support;

/// <summary>Real encoded images for tests.</summary>
internal static class TestImages
{
    public static byte[] Encode(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static DataContent Png(int width, int height, SKColor colour) => new(Encode(width, height, colour), "image/png");
}

using System.Net.Http.Headers;
using SkiaSharp;

namespace Providers.Emulator.Tests;

/// <summary>Real encoded images made on the fly.</summary>
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

    /// <summary>A multipart part holding a PNG file, as an upload form sends it.</summary>
    public static ByteArrayContent PngPart(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    public static string Base64(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Convert.ToBase64String(Encode(width, height, colour, format));
}

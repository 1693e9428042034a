using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using SkiaSharp;

namespace Providers.Testing;

/// <summary>Real encoded images for tests, made on the fly.</summary>
public static class TestImages
{
    /// <summary>A fixed 1×1 red PNG, so that request snapshots do not depend on an encoder's version.</summary>
    public const string RedPixelPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    public static byte[] RedPixelPng => Convert.FromBase64String(RedPixelPngBase64);

    /// <summary>Encodes an image of one colour.</summary>
    public static byte[] Encode(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static DataContent Png(int width, int height, SKColor colour) => new(Encode(width, height, colour), "image/png");

    public static string Base64(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png) =>
        Convert.ToBase64String(Encode(width, height, colour, format));

    /// <summary>A PNG of random pixels (fixed seed), so its compressed data is long enough to cut inside.</summary>
    public static byte[] Noise(int width, int height)
    {
        var random = new Random(7);
        using var bitmap = new SKBitmap(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }

    /// <summary>A multipart part holding a PNG file, as an upload form sends it.</summary>
    public static ByteArrayContent PngPart(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }
}

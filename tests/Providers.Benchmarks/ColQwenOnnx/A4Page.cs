using SkiaSharp;

namespace Providers.Benchmarks.ColQwenOnnx;

/// <summary>A synthetic A4 page at 150 dpi (1240 x 1754), like a rendered PDF page: white, text-like lines, a figure.</summary>
internal static class A4Page
{
    public const int Width = 1240;
    public const int Height = 1754;

    public static byte[] Png(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(Width, Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = new SKColor(25, 25, 35) };
            for (int top = 150; top < Height - 150; top += 28)
            {
                for (int left = 120; left < Width - 160;)
                {
                    int word = random.Next(30, 130);
                    canvas.DrawRect(left, top, word, 12, ink);
                    left += word + random.Next(10, 20);
                }
            }

            using var figure = new SKPaint { Color = new SKColor(40, 90, 180) };
            canvas.DrawRect(620, 300, 460, 320, figure);
        }

        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        return encoded.ToArray();
    }
}

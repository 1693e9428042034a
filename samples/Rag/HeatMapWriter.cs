using System.Globalization;
using System.Numerics.Tensors;
using SkiaSharp;

namespace Providers.Samples.Rag;

/// <summary>
/// Draws which patches of a page matched the query: the page with each patch tinted by its best similarity to any
/// query token, and beside it one small map per query token.
/// </summary>
internal static class HeatMapWriter
{
    private const int Padding = 16;
    private const int HeaderHeight = 64;
    private const int TokenColumns = 4;
    private const int TokenMapWidth = 120;
    private const int LabelHeight = 18;
    private const float MinOverlayAlpha = 40;
    private const float MaxOverlayAlpha = 210;

    // Stops of the "magma" colour map: dark for weak matches, bright for strong ones.
    private static readonly SKColor[] ColourStops =
    [
        new(0x00, 0x00, 0x04), new(0x3b, 0x0f, 0x70), new(0x8c, 0x29, 0x81), new(0xde, 0x49, 0x68), new(0xfe, 0x9f, 0x6d), new(0xfc, 0xfd, 0xbf),
    ];

    /// <summary>Writes the heat map of <paramref name="similarity"/> over <paramref name="pagePng"/> to <paramref name="path"/> as PNG.</summary>
    public static void Write(string path, byte[] pagePng, PatchSimilarity similarity, string caption)
    {
        using var page = SKBitmap.Decode(pagePng) ?? throw new ArgumentException("The page image could not be decoded.", nameof(pagePng));
        var best = similarity.BestPerPatch();
        var (bestMin, bestMax) = (TensorPrimitives.Min(best), TensorPrimitives.Max(best));
        var (min, max) = similarity.Range();

        float cellSize = (float)TokenMapWidth / similarity.GridWidth;
        int tokenMapHeight = (int)MathF.Ceiling(cellSize * similarity.GridHeight);
        int tokenRows = (similarity.QueryTokens + TokenColumns - 1) / TokenColumns;
        int width = page.Width + (3 * Padding) + (TokenColumns * (TokenMapWidth + Padding));
        int height = HeaderHeight + Math.Max(page.Height, tokenRows * (tokenMapHeight + LabelHeight + Padding)) + Padding;

        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var text = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        using (var captionFont = TextFont.Create(16, bold: true))
        using (var labelFont = TextFont.Create(12))
        using (var fill = new SKPaint())
        {
            canvas.Clear(SKColors.White);
            canvas.DrawText(caption, Padding, 26, SKTextAlign.Left, captionFont, text);
            canvas.DrawText(
                string.Create(CultureInfo.InvariantCulture, $"Left: each patch's best dot product with any query token, {bestMin:F2} (dark) to {bestMax:F2} (bright). Right: each query token's, {min:F2} to {max:F2}."),
                Padding, 48, SKTextAlign.Left, labelFont, text);

            // The page, each patch tinted by the best match any query token found in it.
            float left = Padding;
            float top = HeaderHeight;
            canvas.DrawBitmap(page, left, top, SKSamplingOptions.Default, null);
            float patchWidth = (float)page.Width / similarity.GridWidth;
            float patchHeight = (float)page.Height / similarity.GridHeight;
            using var tint = new SKPaint { BlendMode = SKBlendMode.Multiply };
            for (int patch = 0; patch < best.Length; patch++)
            {
                // Weak matches stay nearly transparent, and multiplying keeps the page's ink dark under any tint.
                float strength = Normalise(best[patch], bestMin, bestMax);
                tint.Color = Colour(strength).WithAlpha((byte)(MinOverlayAlpha + ((MaxOverlayAlpha - MinOverlayAlpha) * strength)));
                int x = patch % similarity.GridWidth;
                int y = patch / similarity.GridWidth;
                canvas.DrawRect(left + (x * patchWidth), top + (y * patchHeight), patchWidth, patchHeight, tint);
            }

            // One small map per query token: where on the page that token found its match.
            float mapsLeft = left + page.Width + (2 * Padding);
            for (int token = 0; token < similarity.QueryTokens; token++)
            {
                var scores = similarity.ForToken(token);
                float mapLeft = mapsLeft + (token % TokenColumns * (TokenMapWidth + Padding));
                float mapTop = top + (token / TokenColumns * (tokenMapHeight + LabelHeight + Padding));
                canvas.DrawText(
                    string.Create(CultureInfo.InvariantCulture, $"token {token}: max {Max(scores):F2}"),
                    mapLeft, mapTop + 12, SKTextAlign.Left, labelFont, text);
                for (int patch = 0; patch < scores.Length; patch++)
                {
                    fill.Color = Colour(Normalise(scores[patch], min, max));
                    canvas.DrawRect(
                        mapLeft + (patch % similarity.GridWidth * cellSize), mapTop + LabelHeight + (patch / similarity.GridWidth * cellSize),
                        cellSize, cellSize, fill);
                }
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, quality: 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static float Max(ReadOnlySpan<float> values) => TensorPrimitives.Max(values);

    private static float Normalise(float value, float min, float max) => max > min ? (value - min) / (max - min) : 1;

    private static SKColor Colour(float t)
    {
        float position = Math.Clamp(t, 0, 1) * (ColourStops.Length - 1);
        int index = Math.Min((int)position, ColourStops.Length - 2);
        float f = position - index;
        var (a, b) = (ColourStops[index], ColourStops[index + 1]);
        return new SKColor(Lerp(a.Red, b.Red, f), Lerp(a.Green, b.Green, f), Lerp(a.Blue, b.Blue, f));
    }

    private static byte Lerp(byte from, byte to, float f) => (byte)MathF.Round(from + ((to - from) * f));
}

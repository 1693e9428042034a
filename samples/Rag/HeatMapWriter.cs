using System.Globalization;
using SkiaSharp;

namespace Providers.Samples.Rag;

/// <summary>
/// Draws where on the page the question matched: each word of the passage tinted by its share of the MaxSim
/// score (<see cref="WordMatches"/>) on a fixed colour scale with its legend, and beside the page the query tokens,
/// best first, with the word each one matched.
/// </summary>
internal static class HeatMapWriter
{
    /// <summary>The top of the colour scale: two query tokens matching one word at cosine 1. Fixed, so maps compare.</summary>
    public const float ScaleMax = 2f;

    private const int Padding = 16;
    private const int HeaderHeight = 64;
    private const int PanelWidth = 300;
    private const int LegendHeight = 14;
    private const int LabelledTokens = 12;

    // Pale yellow for weak matches to red for strong ones (ColorBrewer's YlOrRd): light enough that black ink
    // multiplied under the tint stays readable.
    private static readonly SKColor[] ColourStops =
    [
        new(0xff, 0xfb, 0xe0), new(0xff, 0xe0, 0x8a), new(0xfd, 0xae, 0x61), new(0xf4, 0x6d, 0x43), new(0xd7, 0x30, 0x27),
    ];

    public static void Write(string path, RenderedPage page, WordMatches matches, string caption)
    {
        using var pageBitmap = SKBitmap.Decode(page.Png) ?? throw new ArgumentException("The page image could not be decoded.", nameof(page));
        int width = pageBitmap.Width + (3 * Padding) + PanelWidth;
        int height = HeaderHeight + pageBitmap.Height + Padding;

        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        using (var captionFont = TextFont.Create(16, bold: true))
        using (var labelFont = TextFont.Create(12))
        using (var fill = new SKPaint())
        {
            canvas.Clear(SKColors.White);
            canvas.DrawText(caption, Padding, 26, SKTextAlign.Left, captionFont, ink);
            canvas.DrawText(
                "Each word: the cosines of the query tokens whose best match (MaxSim) lies in it, summed. Special tokens excluded.",
                Padding, 48, SKTextAlign.Left, labelFont, ink);

            // The page, each word's box tinted by its score; multiplying keeps the ink readable under any tint.
            float left = Padding, top = HeaderHeight;
            canvas.DrawBitmap(pageBitmap, left, top, SKSamplingOptions.Default, null);
            using var tint = new SKPaint { BlendMode = SKBlendMode.Multiply };
            for (int w = 0; w < page.Words.Count; w++)
            {
                if (matches.WordScores[w] > 0)
                {
                    tint.Color = Colour(matches.WordScores[w] / ScaleMax);
                    var box = page.Words[w].Box;
                    canvas.DrawRect(SKRect.Create(left + box.Left - 2, top + box.Top - 1, box.Width + 4, box.Height + 2), tint);
                }
            }

            // The legend: the fixed scale, with ticks.
            float panelLeft = left + pageBitmap.Width + (2 * Padding);
            float y = top + 12;
            canvas.DrawText("Colour scale (absolute)", panelLeft, y, SKTextAlign.Left, labelFont, ink);
            y += 6;
            const int steps = 60;
            float legendWidth = PanelWidth - Padding;
            for (int i = 0; i < steps; i++)
            {
                fill.Color = Colour((i + 0.5f) / steps);
                canvas.DrawRect(panelLeft + (i * legendWidth / steps), y, (legendWidth / steps) + 1, LegendHeight, fill);
            }

            y += LegendHeight + 14;
            for (int tick = 0; tick <= 4; tick++)
            {
                float value = ScaleMax * tick / 4;
                canvas.DrawText(value.ToString("0.0", CultureInfo.InvariantCulture), panelLeft + (legendWidth * tick / 4), y, tick switch { 0 => SKTextAlign.Left, 4 => SKTextAlign.Right, _ => SKTextAlign.Center }, labelFont, ink);
            }

            // The query tokens that matched best, and where.
            y += 30;
            canvas.DrawText("Query token -> best word (cosine)", panelLeft, y, SKTextAlign.Left, labelFont, ink);
            foreach (var (token, word, cosine) in matches.TokenMatches.OrderByDescending(m => m.Cosine).Take(LabelledTokens))
            {
                y += 20;
                fill.Color = Colour(cosine / ScaleMax);
                canvas.DrawRect(panelLeft, y - 11, 12, 12, fill);
                canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{token} -> {word} ({cosine:F2})"), panelLeft + 18, y, SKTextAlign.Left, labelFont, ink);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, quality: 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

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

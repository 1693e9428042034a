using SkiaSharp;

namespace Providers.Samples.Rag;

/// <summary>Renders a document as a page image, the way a scanned or exported PDF page reaches a visual retriever.</summary>
internal static class PageRenderer
{
    // A4 at 75 dpi: the page shape ColPali-style models are trained on, small enough to embed quickly.
    public const int Width = 620;
    public const int Height = 877;

    private const float Margin = 56;
    private const float TitleSize = 32;
    private const float BodySize = 22;
    private const float LineSpacing = 1.45f;

    /// <summary>Gets whether a font with glyphs was found; without one, pages come out blank.</summary>
    public static bool CanDrawText => TextFont.Typeface is not null;

    /// <summary>
    /// Draws the title and the wrapped passage on a white page and encodes it as PNG; says where each word of the
    /// passage was drawn, in the passage's order.
    /// </summary>
    public static RenderedPage Render(SourceDocument document)
    {
        var words = new List<WordBox>();
        using var bitmap = new SKBitmap(Width, Height);
        using (var canvas = new SKCanvas(bitmap))
        using (var ink = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true })
        using (var accent = new SKPaint { Color = new SKColor(0x1f, 0x4e, 0x8c), IsAntialias = true })
        using (var titleFont = TextFont.Create(TitleSize, bold: true))
        using (var bodyFont = TextFont.Create(BodySize))
        {
            canvas.Clear(SKColors.White);
            float y = Margin + TitleSize;
            foreach (var line in Wrap(document.Title, titleFont))
            {
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, titleFont, accent);
                y += TitleSize * LineSpacing;
            }

            canvas.DrawRect(Margin, y - (TitleSize * 0.6f), Width - (2 * Margin), 3, accent);
            y += BodySize;
            var metrics = bodyFont.Metrics;
            foreach (var line in Wrap(document.Text, bodyFont))
            {
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, bodyFont, ink);
                float x = Margin;
                foreach (var word in line.Split(' '))
                {
                    float width = bodyFont.MeasureText(word);
                    words.Add(new WordBox(word, SKRect.Create(x, y + metrics.Ascent, width, metrics.Descent - metrics.Ascent)));
                    x += width + bodyFont.MeasureText(" ");
                }

                y += BodySize * LineSpacing;
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, quality: 100);
        return new RenderedPage(data.ToArray(), words);
    }

    internal static IEnumerable<string> Wrap(string text, SKFont font, float maxWidth = Width - (2 * Margin))
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                yield return line.ToString();
                line.Clear().Append(word);
            }
            else
            {
                line.Clear().Append(candidate);
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}

/// <summary>A rendered page: its PNG and where each word of the passage lies on it.</summary>
internal sealed record RenderedPage(byte[] Png, IReadOnlyList<WordBox> Words);

/// <summary>A word of the passage as drawn: its text and its box in page pixels.</summary>
internal sealed record WordBox(string Word, SKRect Box);

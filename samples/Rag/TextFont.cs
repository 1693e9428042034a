using SkiaSharp;

namespace Providers.Samples.Rag;

/// <summary>The typeface pages and heat maps are drawn with.</summary>
internal static class TextFont
{
    // Preferred fonts, by file name, when the system's default font cannot be used.
    private static readonly string[] PreferredFonts = ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "Arial.ttf", "arial.ttf"];

    private static readonly string[] FontDirectories =
        ["/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", "/Library/Fonts", Environment.GetFolderPath(Environment.SpecialFolder.Fonts)];

    private static readonly Lazy<SKTypeface?> Found = new(Find);

    /// <summary>Gets a typeface with glyphs, or null when none is installed.</summary>
    public static SKTypeface? Typeface => Found.Value;

    /// <summary>Creates a font of the found typeface (or Skia's default, which may draw nothing).</summary>
    public static SKFont Create(float size, bool bold = false) => new(Typeface ?? SKTypeface.Default, size) { Embolden = bold };

    private static SKTypeface? Find()
    {
        if (SKTypeface.Default.GlyphCount > 0)
        {
            return SKTypeface.Default;
        }

        // SkiaSharp's dependency-free Linux build (SkiaSharp.NativeAssets.Linux.NoDependencies) has no font manager,
        // so it sees no installed font: load one from its file.
        var files = FontDirectories
            .Where(d => d.Length > 0 && Directory.Exists(d))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.ttf", SearchOption.AllDirectories))
            .OrderBy(f => Array.IndexOf(PreferredFonts, Path.GetFileName(f)) is var i and >= 0 ? i : PreferredFonts.Length);
        foreach (var file in files)
        {
            if (SKTypeface.FromFile(file) is { GlyphCount: > 0 } typeface)
            {
                return typeface;
            }
        }

        return null;
    }
}

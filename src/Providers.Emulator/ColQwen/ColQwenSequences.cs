using Providers.Emulator.Models;

namespace Providers.Emulator.ColQwen;

/// <summary>
/// The token sequences ColQwen2.5 embeds, made of stand-in token vectors: queries are
/// <c>"Query: " + text + "&lt;|endoftext|&gt;"×10</c>; images are 4 prompt tokens, one token per merged patch, 7 more.
/// </summary>
internal static class ColQwenSequences
{
    public const int Dimension = 128;
    public const int ImagePrefixTokens = 4;

    private const int QueryAugmentationTokens = 10;
    private const string EndOfText = "<|endoftext|>";
    private static readonly string[] ImagePrefix = ["<|im_start|>", "user", "\n", "<|vision_start|>"];
    private static readonly string[] ImageSuffix = ["<|vision_end|>", "Describe", " the", " image", ".", "<|im_end|>", EndOfText];

    public static List<float[]> Query(string text, bool prefix)
    {
        var tokens = TokenVectors.ForText(prefix ? "Query: " + text : text, Dimension);
        tokens.AddRange(Enumerable.Range(0, QueryAugmentationTokens).Select(_ => TokenVectors.For(EndOfText, Dimension)));
        return Rounded(tokens);
    }

    public static List<float[]> Image(DecodedImage image, PatchGrid grid)
    {
        var tokens = ImagePrefix.Select(t => TokenVectors.For(t, Dimension)).ToList();
        tokens.AddRange(ImageEmbedder.PatchVectors(image, grid.PatchesX, grid.PatchesY, Dimension));
        tokens.AddRange(ImageSuffix.Select(t => TokenVectors.For(t, Dimension)));
        return Rounded(tokens);
    }

    /// <summary>Left-pads every sequence with zero rows to the longest, as the batched model output is.</summary>
    /// <returns>How many rows each sequence was padded with.</returns>
    public static int[] LeftPad(List<List<float[]>> sequences)
    {
        var longest = sequences.Max(s => s.Count);
        var padding = new int[sequences.Count];
        for (var i = 0; i < sequences.Count; i++)
        {
            padding[i] = longest - sequences[i].Count;
            sequences[i].InsertRange(0, Enumerable.Range(0, padding[i]).Select(_ => new float[Dimension]));
        }

        return padding;
    }

    private static List<float[]> Rounded(List<float[]> tokens)
    {
        foreach (var token in tokens)
        {
            Bfloat16.Round(token);
        }

        return tokens;
    }
}

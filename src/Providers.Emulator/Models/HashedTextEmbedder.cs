namespace Providers.Emulator.Models;

/// <summary>
/// Stand-in for a dense text embedding model: the normalised sum of one pseudo-random unit vector per word
/// piece. Texts that share words are close; it knows nothing of meaning.
/// </summary>
internal static class HashedTextEmbedder
{
    private const ulong TextSalt = 0x7465787400000000;

    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        Span<float> scratch = dimensions <= 2048 ? stackalloc float[dimensions] : new float[dimensions];
        var any = false;
        foreach (var (piece, weight) in TextTokens.WordPieces(text))
        {
            UnitVectors.Accumulate(StableHash.Of(piece, TextSalt), weight, vector, scratch);
            any = true;
        }

        if (!any)
        {
            // An empty or punctuation-only text still gets a unit vector, as real models give one.
            UnitVectors.Fill(StableHash.Of(string.Empty, TextSalt), vector);
        }

        UnitVectors.Normalize(vector);
        return vector;
    }

    /// <summary>Embeds a sequence of token ids (OVMS accepts pre-tokenised input).</summary>
    public static float[] EmbedTokenIds(IEnumerable<long> tokenIds, int dimensions) =>
        Embed(string.Join(' ', tokenIds.Select(id => "t" + id)), dimensions);
}

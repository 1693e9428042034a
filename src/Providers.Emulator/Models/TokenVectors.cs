namespace Providers.Emulator.Models;

/// <summary>
/// Stand-in for a late-interaction (ColBERT/ColPali) text encoder: one unit vector per token, keyed by the
/// token, so equal words match exactly under MaxSim and different words barely at all.
/// </summary>
internal static class TokenVectors
{
    private const ulong TokenSalt = 0x746f6b656e000000;

    public static float[] For(string token, int dimensions)
    {
        var vector = new float[dimensions];
        UnitVectors.Fill(StableHash.Of(token, TokenSalt), vector);
        return vector;
    }

    /// <summary>One vector per word of <paramref name="text"/>; a text without words still gets one vector.</summary>
    public static List<float[]> ForText(string text, int dimensions)
    {
        var words = TextTokens.Words(text);
        return words.Count == 0 ? [For(string.Empty, dimensions)] : words.ConvertAll(w => For(w, dimensions));
    }
}

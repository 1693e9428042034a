namespace Providers.Emulator.Models;

/// <summary>
/// The stand-in tokenizer: lower-cased runs of letters and digits are words; punctuation is dropped.
/// Good enough for lexical similarity, and it counts "tokens" for usage figures.
/// </summary>
internal static class TextTokens
{
    private const int StemLength = 5;
    private const ulong VocabularySize = 30522;
    private const ulong FirstWordId = 1000;

    /// <summary>The words of <paramref name="text"/>, lower-cased, in order.</summary>
    public static List<string> Words(string text) => Split(text, lowerCase: true);

    /// <summary>The words of <paramref name="text"/> as written, in order.</summary>
    public static List<string> CasedWords(string text) => Split(text, lowerCase: false);

    /// <summary>
    /// The word pieces of <paramref name="text"/>: each word, plus the stem of a long word so that
    /// "embedding" and "embeddings" share a piece.
    /// </summary>
    public static IEnumerable<(string Piece, float Weight)> WordPieces(string text)
    {
        foreach (var word in Words(text))
        {
            yield return (word, 1f);
            if (word.Length > StemLength)
            {
                yield return ("##" + word[..StemLength], 0.5f);
            }
        }
    }

    /// <summary>A token count in the spirit of a sub-word tokenizer: about one per word, more for long words.</summary>
    public static int Count(string text) => Words(text).Sum(PieceCount);

    /// <summary>
    /// Stand-in token ids, <see cref="Count"/> of them: each a stable hash of its word and its place in the word,
    /// in a BERT-sized vocabulary above the ids special tokens use.
    /// </summary>
    public static List<long> Ids(string text)
    {
        var ids = new List<long>();
        foreach (var word in Words(text))
        {
            for (var piece = 0; piece < PieceCount(word); piece++)
            {
                ids.Add((long)(FirstWordId + (StableHash.Of(word, (ulong)piece) % (VocabularySize - FirstWordId))));
            }
        }

        return ids;
    }

    private static List<string> Split(string text, bool lowerCase)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(lowerCase ? text[start..i].ToLowerInvariant() : text[start..i]);
                start = -1;
            }
        }

        return words;
    }

    private static int PieceCount(string word) => 1 + (word.Length / 8);
}

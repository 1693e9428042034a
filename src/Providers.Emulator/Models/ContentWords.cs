namespace Providers.Emulator.Models;

/// <summary>The words of a text that carry its content: all but the function words, compared by their stems.</summary>
internal static class ContentWords
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "of", "to", "in", "on", "at", "by", "for", "with",
        "and", "or", "not", "what", "which", "who", "whom", "whose", "how", "why", "when", "where", "does", "do", "did",
        "it", "its", "this", "that", "these", "those", "as", "from", "about", "can", "could", "you", "your", "me", "my",
        "i", "please", "tell", "give", "say", "there", "has", "have", "had", "will", "would", "should", "into",
    ];

    /// <summary>Whether <paramref name="word"/> (lower-cased) is a function word.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The content words of <paramref name="text"/>, lower-cased, once each, in order.</summary>
    public static IEnumerable<string> Of(string text) => TextTokens.Words(text).Where(w => !StopWords.Contains(w)).Distinct();

    /// <summary>The stems (<see cref="InflectionStemmer"/>) of the content words of <paramref name="text"/>.</summary>
    public static HashSet<string> StemsOf(string text) => [.. Of(text).Select(InflectionStemmer.Stem)];
}

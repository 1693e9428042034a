namespace Providers.Emulator.Models;

/// <summary>
/// A light inflectional stemmer for English, so that a question's "take" meets a sentence's "takes": it strips one
/// plural or verb ending (-s, -es, -ies, -ed, -ied, -ing), undoes the consonant an ending doubled ("stopped"), and
/// drops a silent final e ("take", "takes" and "taking" all become "tak"). It leaves derivation ("tidal") and
/// irregular forms ("built") alone. A stem is a key to compare words by, not a word to show.
/// </summary>
internal static class InflectionStemmer
{
    private const int ShortestStem = 3;

    /// <summary>The stem of <paramref name="word"/>, which must be lower-cased.</summary>
    public static string Stem(string word)
    {
        if (word.Length <= ShortestStem)
        {
            return word;
        }

        var stem = StripEnding(word);
        return stem.Length > ShortestStem && stem[^1] == 'e' ? stem[..^1] : stem;
    }

    private static string StripEnding(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word.Length > ShortestStem + 1 ? word[..^3] + "y" : word;
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || EndsWithSibilantAndEs(word))
        {
            return word[..^2];
        }

        if (word.EndsWith("ing", StringComparison.Ordinal))
        {
            return WithoutVerbEnding(word, 3);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal))
        {
            return WithoutVerbEnding(word, 2);
        }

        // -ss, -us and -is are not plurals: "press", "virus", "analysis".
        bool plural = word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i');
        return plural ? word[..^1] : word;
    }

    private static bool EndsWithSibilantAndEs(string word) =>
        word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
        || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("zes", StringComparison.Ordinal);

    // "noticed" -> "notic", "running" -> "run"; "need" and "string" keep their endings, which are no endings.
    private static string WithoutVerbEnding(string word, int endingLength)
    {
        var stem = word[..^endingLength];
        if (stem.Length < ShortestStem || !stem.Any(IsVowel))
        {
            return word;
        }

        bool doubled = stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not ('l' or 's' or 'z');
        return doubled ? stem[..^1] : stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}

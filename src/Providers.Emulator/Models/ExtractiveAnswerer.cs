using System.Text.RegularExpressions;

namespace Providers.Emulator.Models;

/// <summary>
/// Stand-in for a chat model: answers with the sentence of the conversation's context that shares the most
/// words with the question, and says so when nothing does. It never invents anything.
/// </summary>
internal static partial class ExtractiveAnswerer
{
    public const string NoAnswer = "I could not find the answer in the provided context.";

    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "of", "to", "in", "on", "at", "by", "for", "with",
        "and", "or", "not", "what", "which", "who", "whom", "how", "why", "when", "where", "does", "do", "did", "it",
        "its", "this", "that", "these", "those", "as", "from", "about", "can", "could", "you", "your", "me", "my",
        "i", "please", "tell", "give", "say", "there", "has", "have", "had", "will", "would", "should", "into",
    ];

    /// <summary>Picks the answer for <paramref name="question"/> from <paramref name="context"/>.</summary>
    /// <remarks>
    /// A question that asks for a quantity ("how far", "how many"...) is answered only by a sentence that states one,
    /// as extractive question answering matches the expected answer type; within a context that shares words with the
    /// question, stating a quantity counts as one more shared word, since the unit ("kilometre") rarely repeats the
    /// question's word ("far").
    /// </remarks>
    /// <returns>The answer and the context sentence it came from (null when nothing matched).</returns>
    public static (string Answer, string? Source) Answer(string question, IEnumerable<string> context)
    {
        var questionWords = ContentWords(question);
        bool asksQuantity = QuantityQuestion().IsMatch(question);
        string? best = null;
        var bestScore = 0;
        foreach (var passage in context)
        {
            bool onTopic = SharedWords(questionWords, passage).Count > 0;
            foreach (var sentence in Sentences(passage))
            {
                if (string.Equals(sentence, question.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                bool statesQuantity = Quantity().IsMatch(sentence);
                if (asksQuantity && !statesQuantity)
                {
                    continue;
                }

                var score = SharedWords(questionWords, sentence).Count + (asksQuantity && onTopic ? 1 : 0);
                if (score > bestScore)
                {
                    (best, bestScore) = (sentence, score);
                }
            }
        }

        return best is null ? (NoAnswer, null) : (best, best);
    }

    /// <summary>Splits <paramref name="text"/> into the question (its last sentence ending in '?', or all of it) and the rest.</summary>
    public static (string Question, string Remainder) SplitQuestion(string text)
    {
        var sentences = Sentences(text).ToList();
        var index = sentences.FindLastIndex(s => s.EndsWith('?'));
        if (index < 0 || sentences.Count == 1)
        {
            return (text.Trim(), string.Empty);
        }

        return (sentences[index], string.Join(" ", sentences.Where((_, i) => i != index)));
    }

    /// <summary>The sentences of <paramref name="text"/>, without labels such as "Context:" that prompts put before them.</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceBreak().Split(text).Select(s => Label().Replace(s.Trim(), string.Empty)).Where(s => s.Length > 0);

    /// <summary>The content words of <paramref name="sentence"/> that <paramref name="question"/> also has, in sentence order.</summary>
    public static List<string> SharedWords(string question, string sentence) => SharedWords(ContentWords(question), sentence);

    private static List<string> SharedWords(HashSet<string> questionWords, string sentence) =>
        [.. ContentWords(sentence).Where(questionWords.Contains)];

    private static HashSet<string> ContentWords(string text) =>
        [.. TextTokens.Words(text).Where(w => !StopWords.Contains(w))];

    [GeneratedRegex(@"\bhow\s+(far|high|long|many|much|old|tall|deep|big|large|heavy|fast|wide|often)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuantityQuestion();

    // A digit outside a citation tag such as "[2]", or a number word.
    [GeneratedRegex(@"(?<!\[\d*)\d(?!\d*\])|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"^[A-Za-z]+:\s+")]
    private static partial Regex Label();

    [GeneratedRegex(@"(?<=[.!?])\s+|[\r\n]+")]
    private static partial Regex SentenceBreak();
}

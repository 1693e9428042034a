using System.Text.RegularExpressions;

namespace Providers.Emulator.Models;

/// <summary>
/// Stand-in for a chat model: answers with the sentence of the conversation's context that shares the most
/// words with the question, compared by stem, and says so when nothing does. It never invents anything.
/// </summary>
internal static partial class ExtractiveAnswerer
{
    public const string NoAnswer = "I could not find the answer in the provided context.";

    private const int ExactMatch = 2;
    private const int StemMatch = 1;

    /// <summary>Picks the answer for <paramref name="question"/> from <paramref name="context"/>.</summary>
    /// <remarks>
    /// <para>
    /// As extractive question answering does, a sentence must fit what the question asks (<see cref="QuestionReading"/>)
    /// before its shared words count. A question asking for a quantity ("how far") is answered only by a sentence that
    /// states one, and one asking who only by a sentence that names someone the question does not; within a context
    /// that shares words with the question, giving that kind of answer counts as one more shared word, since the
    /// answer ("kilometre", "Ada Lovelace") rarely repeats the question's words ("far", "wrote").
    /// </para>
    /// <para>
    /// A "what is the X of Y" question is answered only by a sentence that mentions X. A wh-question about a named
    /// topic that asks something beyond it ("where is the Eiffel Tower lit?") is not answered by a sentence that shares
    /// only the topic's name, since every sentence about the topic does; when no sentence is left, the answer is
    /// <see cref="NoAnswer"/>.
    /// </para>
    /// </remarks>
    /// <returns>The answer and the context sentence it came from (null when nothing matched).</returns>
    public static (string Answer, string? Source) Answer(string question, IEnumerable<string> context)
    {
        var asked = QuestionReading.Of(question);
        string? best = null;
        var bestScore = 0;
        foreach (var passage in context)
        {
            bool onTopic = ContentWords.StemsOf(passage).Overlaps(asked.Stems);
            foreach (var sentence in Sentences(passage))
            {
                if (string.Equals(sentence, question.Trim(), StringComparison.OrdinalIgnoreCase) || !asked.IsAnsweredInKindBy(sentence))
                {
                    continue;
                }

                var (shared, weight) = Overlap(asked, sentence);
                if (!Fits(asked, shared))
                {
                    continue;
                }

                var score = weight + (asked.Kind != AnswerKind.Any && onTopic ? ExactMatch : 0);
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

    /// <summary>
    /// The content words of <paramref name="sentence"/> that <paramref name="question"/> also has (by stem), in
    /// sentence order, as the sentence writes them.
    /// </summary>
    public static List<string> SharedWords(string question, string sentence)
    {
        var stems = ContentWords.StemsOf(question);
        return [.. ContentWords.Of(sentence).Where(w => stems.Contains(InflectionStemmer.Stem(w)))];
    }

    // The stems a sentence shares with the question, and their weight: a word the sentence writes as the question
    // does counts twice as much as one that only shares its stem ("took" for "take"), as search engines weigh exact
    // matches above stemmed ones.
    private static (HashSet<string> Shared, int Weight) Overlap(QuestionReading asked, string sentence)
    {
        var shared = new HashSet<string>();
        var exact = new HashSet<string>();
        foreach (var word in ContentWords.Of(sentence))
        {
            var stem = InflectionStemmer.Stem(word);
            if (asked.Stems.Contains(stem))
            {
                shared.Add(stem);
            }

            if (asked.Words.Contains(word))
            {
                exact.Add(stem);
            }
        }

        return (shared, (shared.Count * StemMatch) + (exact.Count * (ExactMatch - StemMatch)));
    }

    // The shared words (stems) of a sentence that gives the kind of answer asked: it must mention a "what is the X
    // of Y" question's X, and a word of what the question asks beyond its topic, unless it gives a quantity or name.
    private static bool Fits(QuestionReading asked, HashSet<string> shared) =>
        (asked.Focus.Count == 0 || shared.Overlaps(asked.Focus))
        && (asked.Kind != AnswerKind.Any || !asked.AsksBeyondTopic || !asked.Topic.IsSupersetOf(shared));

    [GeneratedRegex(@"^[A-Za-z]+:\s+")]
    private static partial Regex Label();

    [GeneratedRegex(@"(?<=[.!?])\s+|[\r\n]+")]
    private static partial Regex SentenceBreak();
}

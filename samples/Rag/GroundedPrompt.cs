using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Providers.Samples.Rag;

/// <summary>
/// The messages that ask a chat model to answer from retrieved sources only. Every sentence of a source is put on a
/// line of its own, tagged with the source's number, so that whichever sentence the answer rests on carries its
/// citation.
/// </summary>
internal static partial class GroundedPrompt
{
    private const string Instructions =
        "Answer the question from the numbered sources below, and cite each source you use as [n]. " +
        "If the sources do not hold the answer, say that you do not know.";

    public static ChatMessage[] Create(string question, IReadOnlyList<SourceDocument> sources)
    {
        var prompt = new StringBuilder(Instructions).AppendLine().AppendLine();
        for (int i = 0; i < sources.Count; i++)
        {
            foreach (var sentence in SentenceEnd().Split(sources[i].Text))
            {
                prompt.Append('[').Append(i + 1).Append("] ").AppendLine(sentence.Trim());
            }
        }

        return [new(ChatRole.System, prompt.ToString()), new(ChatRole.User, question)];
    }

    /// <summary>Which source holds the sentence the answer quotes (its "[n] sentence" line, or the sentence alone), if any.</summary>
    public static int? QuotedSource(string answer, IReadOnlyList<SourceDocument> sources)
    {
        string quote = Citation().Replace(answer, string.Empty).Trim();
        int index = quote.Length == 0 ? -1 : sources.ToList().FindIndex(source => source.Text.Contains(quote, StringComparison.Ordinal));
        return index >= 0 ? index : null;
    }

    [GeneratedRegex(@"^\[\d+\]\s*")]
    private static partial Regex Citation();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();
}

using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.AI;

namespace Providers.Samples.Rag;

/// <summary>
/// A question of <c>Evaluation/questions.tsv</c>, the document that answers it and a phrase of the sentence that does
/// (both null: none does).
/// </summary>
internal sealed record EvaluationQuestion(string Question, string? ExpectedDocumentId, string? ExpectedPhrase)
{
    private const string Resource = "Evaluation/questions.tsv";

    public static IReadOnlyList<EvaluationQuestion> LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)!;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(Parse)];
    }

    /// <summary>
    /// Asks every question: prints each answerable one's rank and how the chat model answered it from the relevant
    /// passages, then top-1 accuracy, mean reciprocal rank and the answers' totals.
    /// </summary>
    public static async Task EvaluateAsync(
        TextRetriever retriever, IReadOnlyList<SourceDocument> documents, IChatClient chat, TextWriter output, CancellationToken cancellationToken)
    {
        var questions = LoadBundled();
        int answerable = 0, first = 0, rejected = 0, unanswerable = 0;
        var verdicts = new Dictionary<AnswerVerdict, int>();
        double reciprocalRanks = 0;
        foreach (var question in questions)
        {
            var hits = await retriever.SearchAsync(await retriever.EmbedQuestionAsync(question.Question, cancellationToken), cancellationToken);
            if (question.ExpectedDocumentId is null)
            {
                unanswerable++;
                bool said = !hits[0].IsRelevant;
                rejected += said ? 1 : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(said ? "not found" : "FOUND?"),-9} {hits[0].Relevance:F2}  {question.Question}"));
                continue;
            }

            answerable++;
            int rank = hits.ToList().FindIndex(h => h.Passage.DocumentId == question.ExpectedDocumentId) + 1;
            first += rank == 1 && hits[0].IsRelevant ? 1 : 0;
            reciprocalRanks += rank > 0 ? 1.0 / rank : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rank {rank,-4} {hits[rank - 1].Relevance:F2}  {question.Question} -> {question.ExpectedDocumentId}"));

            var sources = RagSample.RelevantSources(hits, documents);
            string answer = sources.Count == 0
                ? string.Empty
                : (await chat.GetResponseAsync(GroundedPrompt.Create(question.Question, sources), cancellationToken: cancellationToken)).Text;
            var verdict = AnswerVerdicts.Judge(answer, question.ExpectedPhrase!);
            verdicts[verdict] = verdicts.GetValueOrDefault(verdict) + 1;
            output.WriteLine($"             answer {AnswerVerdicts.Label(verdict)}: {answer.ReplaceLineEndings(" ")}");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Top-1: {first}/{answerable} ({100.0 * first / answerable:F1}%), MRR {reciprocalRanks / answerable:F3}; not found: {rejected}/{unanswerable} unanswerable questions"));
        output.WriteLine(
            $"Answers: {verdicts.GetValueOrDefault(AnswerVerdict.Right)}/{answerable} quote the sentence that answers; " +
            $"not found: {verdicts.GetValueOrDefault(AnswerVerdict.NotFound)}; wrong: {verdicts.GetValueOrDefault(AnswerVerdict.Wrong)}");
    }

    private static EvaluationQuestion Parse(string[] fields)
    {
        if (fields.Length != 3 || (fields[1] == "-") != (fields[2] == "-"))
        {
            throw new InvalidDataException(
                $"{Resource}: '{fields[0]}' needs three tab-separated fields, the document and the phrase both '-' or both given.");
        }

        return fields[1] == "-" ? new(fields[0], null, null) : new(fields[0], fields[1], fields[2]);
    }
}

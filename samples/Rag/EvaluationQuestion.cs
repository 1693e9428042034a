using System.Globalization;
using System.Reflection;

namespace Providers.Samples.Rag;

/// <summary>A question of <c>Evaluation/questions.tsv</c> and the document that answers it (null: none does).</summary>
internal sealed record EvaluationQuestion(string Question, string? ExpectedDocumentId)
{
    private const string Resource = "Evaluation/questions.tsv";

    public static IReadOnlyList<EvaluationQuestion> LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)!;
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().ReplaceLineEndings("\n").Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(fields => new EvaluationQuestion(fields[0], fields[1] == "-" ? null : fields[1]))];
    }

    /// <summary>Asks every question and prints each answer's rank, then top-1 accuracy and mean reciprocal rank.</summary>
    public static async Task EvaluateAsync(TextRetriever retriever, TextWriter output, CancellationToken cancellationToken)
    {
        var questions = LoadBundled();
        int answerable = 0, first = 0, rejected = 0, unanswerable = 0;
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
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Top-1: {first}/{answerable} ({100.0 * first / answerable:F1}%), MRR {reciprocalRanks / answerable:F3}; not found: {rejected}/{unanswerable} unanswerable questions"));
    }
}

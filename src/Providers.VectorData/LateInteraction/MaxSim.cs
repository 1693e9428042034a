namespace Providers.VectorData.LateInteraction;

/// <summary>
/// Late-interaction scoring as ColBERT, ColPali and ColQwen define it: the sum, over query tokens, of the largest
/// dot product between that token and any document token.
/// </summary>
/// <remarks>
/// The kernels use AVX-512 where the processor has it, 256-bit vectors otherwise, and plain loops where neither is
/// accelerated; all of them agree with <see cref="ScoreReference"/> to rounding. They are compiled fully optimized
/// on first use, so that the first searches of a process do not run in unoptimized tier-0 code.
/// </remarks>
public static class MaxSim
{
    /// <summary>Scores one document.</summary>
    /// <param name="query">The prepared query.</param>
    /// <param name="document">The packed document.</param>
    /// <param name="precision">
    /// The representation to score in; <see cref="MaxSimPrecision.Float32"/> gives the exact score, the others an
    /// approximation meant for ranking candidates only.
    /// </param>
    /// <returns>The MaxSim score; for <see cref="MaxSimPrecision.Binary"/>, a sum of per-token similarities in [-1, 1].</returns>
    /// <exception cref="ArgumentException">The query and the document differ in dimensions.</exception>
    /// <exception cref="InvalidOperationException">The document was not packed for <paramref name="precision"/>.</exception>
    public static float Score(MaxSimQuery query, MaxSimDocument document, MaxSimPrecision precision = MaxSimPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(document);
        ThrowIfIncompatible(query, document, 0, precision);
        return ScoreUnchecked(query, document, precision);
    }

    /// <summary>Scores many documents in parallel.</summary>
    /// <param name="query">The prepared query.</param>
    /// <param name="documents">The packed documents.</param>
    /// <param name="scores">Receives one score per document, in the same order.</param>
    /// <param name="precision">The representation to score in.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 for one per processor.</param>
    /// <param name="cancellationToken">A token that stops scoring.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="scores"/> is shorter than <paramref name="documents"/>, or a document differs from the query in dimensions.
    /// </exception>
    /// <exception cref="InvalidOperationException">A document was not packed for <paramref name="precision"/>.</exception>
    public static void ScoreAll(
        MaxSimQuery query,
        IReadOnlyList<MaxSimDocument> documents,
        Memory<float> scores,
        MaxSimPrecision precision = MaxSimPrecision.Float32,
        int maxDegreeOfParallelism = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        if (scores.Length < documents.Count)
        {
            throw new ArgumentException($"The score buffer holds {scores.Length} values for {documents.Count} documents.", nameof(scores));
        }

        for (int i = 0; i < documents.Count; i++)
        {
            ThrowIfIncompatible(query, documents[i], i, precision);
        }

        ParallelRanges.ForEach(documents.Count, maxDegreeOfParallelism, cancellationToken, (start, end) =>
        {
            Span<float> destination = scores.Span;
            for (int i = start; i < end; i++)
            {
                destination[i] = ScoreUnchecked(query, documents[i], precision);
            }
        });
    }

    /// <summary>
    /// Finds the best-scoring documents, optionally ranking all of them in a compressed precision first and
    /// rescoring only the leading candidates exactly.
    /// </summary>
    /// <param name="query">The prepared query.</param>
    /// <param name="documents">The packed documents.</param>
    /// <param name="top">The number of hits to return.</param>
    /// <param name="options">The first stage, the number of candidates to rescore, and the parallelism.</param>
    /// <param name="cancellationToken">A token that stops the search.</param>
    /// <returns>
    /// Up to <paramref name="top"/> hits, best first, equal scores in document order; with exact single-precision
    /// scores, except for compact documents (no single-precision vectors), whose candidates are rescored in int8.
    /// </returns>
    public static IReadOnlyList<MaxSimHit> Search(
        MaxSimQuery query,
        IReadOnlyList<MaxSimDocument> documents,
        int top,
        MaxSimSearchOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        options ??= MaxSimSearchOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.RescoreCount, "options.RescoreCount");

        ArgumentOutOfRangeException.ThrowIfNegative(options.CandidateCount, "options.CandidateCount");
        if (options.CandidateCount > 0 && documents.Count > Math.Max(options.CandidateCount, top))
        {
            int[] shortlist = Shortlist(query, documents, Math.Max(options.CandidateCount, top), options.MaxDegreeOfParallelism, cancellationToken);
            var pool = new MaxSimDocument[shortlist.Length];
            for (int i = 0; i < shortlist.Length; i++)
            {
                pool[i] = documents[shortlist[i]];
            }

            return Rank(query, pool, top, options, cancellationToken)
                .Select(hit => new MaxSimHit(shortlist[hit.Index], hit.Score))
                .ToArray();
        }

        return Rank(query, documents, top, options, cancellationToken);
    }

    private static IReadOnlyList<MaxSimHit> Rank(
        MaxSimQuery query, IReadOnlyList<MaxSimDocument> documents, int top, MaxSimSearchOptions options, CancellationToken cancellationToken)
    {
        var firstStage = options.FirstStage;
        var scores = new float[documents.Count];
        ScoreAll(query, documents, scores, firstStage, options.MaxDegreeOfParallelism, cancellationToken);
        if (firstStage == MaxSimPrecision.Float32)
        {
            return ToHits(TopK.Select(scores, top), scores);
        }

        // Rescore in document order so that equal exact scores rank by document, as in a single-stage search.
        int[] candidates = TopK.Select(scores, Math.Max(top, options.RescoreCount));
        Array.Sort(candidates);
        var exact = new float[candidates.Length];
        ParallelRanges.ForEach(candidates.Length, options.MaxDegreeOfParallelism, cancellationToken, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var document = documents[candidates[i]];
                exact[i] = ScoreUnchecked(query, document, document.RescorePrecision);
            }
        });

        int[] order = TopK.Select(exact, top);
        var hits = new MaxSimHit[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            hits[i] = new MaxSimHit(candidates[order[i]], exact[order[i]]);
        }

        return hits;
    }

    /// <summary>
    /// Computes MaxSim with plain loops over row-major vectors, as the definition reads; the kernels are tested
    /// against it.
    /// </summary>
    /// <param name="query">The query vectors, row-major <c>[query tokens x dimensions]</c>.</param>
    /// <param name="document">The document vectors, row-major <c>[document tokens x dimensions]</c>.</param>
    /// <param name="dimensions">The length of each vector.</param>
    /// <returns>The exact score.</returns>
    public static float ScoreReference(ReadOnlySpan<float> query, ReadOnlySpan<float> document, int dimensions)
    {
        int queryTokens = TokenVectors.Validate(query, dimensions, nameof(query));
        int documentTokens = TokenVectors.Validate(document, dimensions, nameof(document));
        float score = 0f;
        for (int q = 0; q < queryTokens; q++)
        {
            float best = float.NegativeInfinity;
            for (int d = 0; d < documentTokens; d++)
            {
                float dot = 0f;
                for (int k = 0; k < dimensions; k++)
                {
                    dot += query[(q * dimensions) + k] * document[(d * dimensions) + k];
                }

                best = Math.Max(best, dot);
            }

            score += best;
        }

        return score;
    }

    internal static float ScoreUnchecked(MaxSimQuery query, MaxSimDocument document, MaxSimPrecision precision) => precision switch
    {
        MaxSimPrecision.Float32 => Float32MaxSim.Score(query, document.Float32),
        MaxSimPrecision.Int8 => Int8MaxSim.Score(query, document.Int8),
        MaxSimPrecision.Binary => BinaryMaxSim.Score(query, document.Binary),
        MaxSimPrecision.Int4 => ScoreInt4(query, document.Int4),
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "Unknown precision."),
    };

    private static float ScoreInt4(MaxSimQuery query, Int4Tokens document)
    {
        var expanded = Float32Panels.Scratch(document.TokenCount, document.Dimensions);
        document.ExpandTo(expanded);
        return Float32MaxSim.Score(query, expanded);
    }

    /// <summary>Returns the indices, in document order, of the documents whose pooled summaries score highest in int8 MaxSim.</summary>
    private static int[] Shortlist(MaxSimQuery query, IReadOnlyList<MaxSimDocument> documents, int count, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var scores = new float[documents.Count];
        bool incomplete = false;
        ParallelRanges.ForEach(documents.Count, maxDegreeOfParallelism, cancellationToken, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                if (documents[i]?.Summary is { } summary)
                {
                    scores[i] = Int8MaxSim.Score(query, summary);
                }
                else
                {
                    incomplete = true;
                }
            }
        });

        if (incomplete)
        {
            // Checked after the scan rather than before it, which would cost a pass over every document.
            int first = Enumerable.Range(0, documents.Count).First(i => documents[i]?.Summary is null);
            throw new InvalidOperationException(
                $"Document {first} has no pooled summary; pack it with PooledSummary = true to use a candidate count.");
        }

        int[] shortlist = TopK.Select(scores, count);
        Array.Sort(shortlist);
        return shortlist;
    }

    private static void ThrowIfIncompatible(MaxSimQuery query, MaxSimDocument document, int index, MaxSimPrecision precision)
    {
        if (document is null)
        {
            throw new ArgumentException($"Document {index} is null.", nameof(document));
        }

        if (document.Dimensions != query.Dimensions)
        {
            throw new ArgumentException(
                $"Document {index} has {document.Dimensions}-dimensional vectors; the query has {query.Dimensions}.", nameof(document));
        }

        if (!document.Supports(precision))
        {
            throw new InvalidOperationException(
                $"Document {index} was packed for {document.FirstStage} first-stage scoring, not {precision}.");
        }
    }

    private static MaxSimHit[] ToHits(int[] order, float[] scores)
    {
        var hits = new MaxSimHit[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            hits[i] = new MaxSimHit(order[i], scores[order[i]]);
        }

        return hits;
    }
}

using Providers.Core;
using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests.LateInteraction;

public sealed class MaxSimSearchTests
{
    private const int Dimensions = 64;

    [Fact]
    public void Searching_no_documents_returns_no_hits()
    {
        var query = MaxSimQuery.Create(TestVectors.Unit(4, Dimensions, seed: 1), Dimensions);

        var hits = MaxSim.Search(query, [], top: 10);

        Assert.Empty(hits);
    }

    [Fact]
    public void Hits_come_best_first_with_exact_scores()
    {
        var (query, documents, rows) = Corpus(documentCount: 40, MaxSimPrecision.Float32);

        var hits = MaxSim.Search(query, documents, top: 5);

        float[] expected = rows.Select(row => MaxSim.ScoreReference(QueryRows, row, Dimensions)).ToArray();
        int[] expectedOrder = Enumerable.Range(0, expected.Length).OrderByDescending(i => expected[i]).Take(5).ToArray();
        Assert.Equal(expectedOrder, hits.Select(hit => hit.Index));
        Assert.All(hits, hit => Assert.Equal(expected[hit.Index], hit.Score, 1e-4));
    }

    [Fact]
    public void A_pooled_summary_shortlist_keeps_the_exact_top_three_on_clustered_data()
    {
        var (query, exactDocuments, rows) = Corpus(documentCount: 120, MaxSimPrecision.Float32);
        var packing = new MaxSimPacking { FirstStage = MaxSimPrecision.Binary, Rescoring = MaxSimPrecision.Float32, PooledSummary = true };
        var documents = rows.Select(row => MaxSimDocument.Create(row, Dimensions, packing)).ToArray();

        var exact = MaxSim.Search(query, exactDocuments, top: 3);
        var shortlisted = MaxSim.Search(query, documents, top: 3, new() { FirstStage = MaxSimPrecision.Binary, CandidateCount = 40, RescoreCount = 20 });

        Assert.Equal(exact, shortlisted);
    }

    [Fact]
    public void A_shortlist_of_the_best_two_percent_keeps_nine_in_ten_of_the_exact_top_ten_where_topics_overlap()
    {
        // Pages mix a few of many shared topics and each query copies tokens of one page, so the runners-up are the
        // pages sharing most of its topics, by small margins: the case a shortlist must not lose. (A 2,048-float
        // MUVERA encoding kept 0.74 here.)
        const int pages = 1500;
        var topics = TestVectors.Unit(96, Dimensions, seed: 77);
        var rows = Enumerable.Range(0, pages).Select(page => TestVectors.Topical(150, Dimensions, topics, topicsPerRow: 8, seed: 5000 + page)).ToArray();
        var packing = new MaxSimPacking { FirstStage = MaxSimPrecision.Binary, Rescoring = MaxSimPrecision.Float32, PooledSummary = true };
        var documents = rows.Select(row => MaxSimDocument.Create(row, Dimensions, packing)).ToArray();
        var exactDocuments = rows.Select(row => MaxSimDocument.Create(row, Dimensions)).ToArray();
        var options = new MaxSimSearchOptions { FirstStage = MaxSimPrecision.Binary, CandidateCount = pages / 50, RescoreCount = pages / 50 };

        double recall = Enumerable.Range(17, 10).Average(target =>
        {
            var query = MaxSimQuery.Create(TestVectors.NoisyCopies(rows[target], 16, Dimensions, seed: target - 14), Dimensions);
            var exact = MaxSim.Search(query, exactDocuments, top: 10).Select(hit => hit.Index);
            var shortlisted = MaxSim.Search(query, documents, top: 10, options);
            Assert.Equal(target, shortlisted[0].Index);
            return shortlisted.Select(hit => hit.Index).Intersect(exact).Count() / 10.0;
        });

        Assert.True(recall >= 0.9, $"recall@10 {recall}");
    }

    [Fact]
    public void A_candidate_count_needs_documents_with_a_pooled_summary()
    {
        var (query, documents, _) = Corpus(documentCount: 20, MaxSimPrecision.Float32);

        var error = Assert.Throws<InvalidOperationException>(() => MaxSim.Search(query, documents, top: 3, new() { CandidateCount = 5 }));

        Assert.Contains("Document 0 has no pooled summary", error.Message);
    }

    [Fact]
    public void A_compact_document_refuses_single_precision_scoring()
    {
        var document = MaxSimDocument.Create(
            TestVectors.Unit(5, Dimensions, seed: 3), Dimensions, new MaxSimPacking { FirstStage = MaxSimPrecision.Int8, Rescoring = MaxSimPrecision.Int8 });

        var error = Assert.Throws<InvalidOperationException>(
            () => MaxSim.Score(MaxSimQuery.Create(TestVectors.Unit(2, Dimensions, seed: 4), Dimensions), document));

        Assert.Contains("not Float32", error.Message);
    }

    [Theory]
    [InlineData(MaxSimPrecision.Int8)]
    [InlineData(MaxSimPrecision.Binary)]
    public void Two_stage_search_finds_the_exact_top_ten_on_clustered_data(MaxSimPrecision firstStage)
    {
        var (query, exactDocuments, _) = Corpus(documentCount: 300, MaxSimPrecision.Float32);
        var (_, documents, _) = Corpus(documentCount: 300, firstStage);

        var exact = MaxSim.Search(query, exactDocuments, top: 10);
        var hits = MaxSim.Search(query, documents, top: 10, new MaxSimSearchOptions { FirstStage = firstStage, RescoreCount = 100 });

        Assert.Equal(exact, hits);
    }

    [Fact]
    public void Equal_scores_rank_by_document_order_whatever_the_parallelism()
    {
        float[] rows = TestVectors.Unit(50, Dimensions, seed: 3);
        var documents = Enumerable.Range(0, 64).Select(_ => MaxSimDocument.Create(rows, Dimensions, MaxSimPrecision.Binary)).ToArray();
        var query = MaxSimQuery.Create(TestVectors.Unit(9, Dimensions, seed: 4), Dimensions);

        var sequential = MaxSim.Search(query, documents, top: 20, new MaxSimSearchOptions { MaxDegreeOfParallelism = 1 });
        var parallel = MaxSim.Search(query, documents, top: 20, new MaxSimSearchOptions { MaxDegreeOfParallelism = 4 });
        var twoStage = MaxSim.Search(query, documents, top: 20, new MaxSimSearchOptions { FirstStage = MaxSimPrecision.Binary, RescoreCount = 30 });

        Assert.Equal(Enumerable.Range(0, 20), sequential.Select(hit => hit.Index));
        Assert.Equal(sequential, parallel);
        Assert.Equal(sequential, twoStage);
    }

    [Fact]
    public void Score_all_writes_one_score_per_document_in_order()
    {
        var (query, documents, rows) = Corpus(documentCount: 30, MaxSimPrecision.Float32);
        var scores = new float[documents.Length];

        MaxSim.ScoreAll(query, documents, scores, maxDegreeOfParallelism: 2);

        for (int i = 0; i < rows.Length; i++)
        {
            Assert.Equal(MaxSim.ScoreReference(QueryRows, rows[i], Dimensions), scores[i], 1e-4);
        }
    }

    [Fact]
    public void A_cancelled_search_stops_with_OperationCanceledException()
    {
        var (query, documents, _) = Corpus(documentCount: 20, MaxSimPrecision.Float32);

        Assert.ThrowsAny<OperationCanceledException>(() => MaxSim.Search(query, documents, top: 5, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void A_document_with_other_dimensions_is_named_in_the_error()
    {
        var query = MaxSimQuery.Create(TestVectors.Unit(2, Dimensions, seed: 1), Dimensions);
        MaxSimDocument[] documents =
        [
            MaxSimDocument.Create(TestVectors.Unit(3, Dimensions, seed: 2), Dimensions),
            MaxSimDocument.Create(TestVectors.Unit(3, 32, seed: 2), 32),
        ];

        var error = Assert.Throws<ArgumentException>(() => MaxSim.Search(query, documents, top: 1));

        Assert.Contains("Document 1 has 32-dimensional vectors; the query has 64", error.Message);
    }

    [Fact]
    public void Scoring_in_a_precision_the_document_was_not_packed_for_is_refused()
    {
        var query = MaxSimQuery.Create(TestVectors.Unit(2, Dimensions, seed: 1), Dimensions);
        var document = MaxSimDocument.Create(TestVectors.Unit(3, Dimensions, seed: 2), Dimensions, MaxSimPrecision.Int8);

        var error = Assert.Throws<InvalidOperationException>(() => MaxSim.Score(query, document, MaxSimPrecision.Binary));

        Assert.Contains("packed for Int8", error.Message);
    }

    [Fact]
    public void A_NaN_in_a_document_is_rejected_with_its_position()
    {
        float[] rows = TestVectors.Unit(4, Dimensions, seed: 1);
        rows[(2 * Dimensions) + 5] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => MaxSimDocument.Create(rows, Dimensions));

        Assert.Contains("Token 2, dimension 5 is NaN", error.Message);
    }

    [Fact]
    public void An_infinity_in_a_query_is_rejected()
    {
        float[] rows = TestVectors.Unit(2, Dimensions, seed: 1);
        rows[3] = float.PositiveInfinity;

        var error = Assert.Throws<ArgumentException>(() => MaxSimQuery.Create(rows, Dimensions));

        Assert.Contains("must be finite", error.Message);
    }

    [Fact]
    public void An_empty_multi_vector_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => MaxSimDocument.Create(ReadOnlySpan<float>.Empty, Dimensions));
    }

    [Fact]
    public void A_packed_document_gives_back_the_vectors_it_was_made_from()
    {
        float[] rows = TestVectors.Unit(45, 96, seed: 8);

        var document = MaxSimDocument.Create(new MultiVectorEmbedding(rows, 96), MaxSimPrecision.Binary);

        Assert.Equal(45, document.TokenCount);
        Assert.Equal(rows, document.ToArray());
    }

    private static readonly float[] Centroids = TestVectors.Unit(16, Dimensions, seed: 100);

    private static readonly float[] QueryRows = TestVectors.Clustered(8, Dimensions, Centroids, seed: 77);

    private static (MaxSimQuery Query, MaxSimDocument[] Documents, float[][] Rows) Corpus(int documentCount, MaxSimPrecision firstStage)
    {
        float[][] rows = Enumerable.Range(0, documentCount)
            .Select(i => TestVectors.Clustered(20 + (i % 13), Dimensions, Centroids, seed: 1000 + i))
            .ToArray();
        var documents = rows.Select(row => MaxSimDocument.Create(row, Dimensions, firstStage)).ToArray();
        return (MaxSimQuery.Create(QueryRows, Dimensions), documents, rows);
    }
}

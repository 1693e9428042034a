using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Tests.LateInteraction;

namespace Providers.VectorData.Tests;

/// <summary>
/// A small version of the bench's <c>scale</c> command, run in CI: the compact, shortlisted index against exact
/// single-precision search over the same pages, through the store and a save and load.
/// </summary>
public sealed class ScaleSmokeTests : IDisposable
{
    private const int Dimensions = 32;
    private const int PageCount = 600;
    private const int QueryCount = 8;

    private static readonly float[] Centroids = TestVectors.Unit(64, Dimensions, seed: 5);

    private readonly string _folder = Directory.CreateTempSubdirectory("late-interaction-scale").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    // Measured: 0.900, 0.875, 0.875, 0.863 on these tight clusters (sign bits then 40 rescored); the bench measures real sizes.
    [InlineData(MaxSimPrecision.Int8, 0, 0.85)]
    [InlineData(MaxSimPrecision.Int8, 200, 0.825)]
    [InlineData(MaxSimPrecision.Int4, 0, 0.825)]
    [InlineData(MaxSimPrecision.Int4, 200, 0.8)]
    public async Task A_compact_index_keeps_recall_against_exact_search_across_a_save_and_load(MaxSimPrecision rescoring, int candidates, double minimumRecall)
    {
        var index = new MultiVectorIndexOptions { RescorePrecision = rescoring, CandidateCount = candidates, RescoreCount = 40 };
        var exact = await PagesAsync(MultiVectorIndexKind.Flat, new MultiVectorIndexOptions());
        var compact = await PagesAsync(
            MultiVectorIndexKind.BinaryFlat, index);
        string path = Path.Combine(_folder, "pages.pvli");
        await compact.SaveAsync(path);
        var reloaded = Collection(MultiVectorIndexKind.BinaryFlat, index);
        await reloaded.LoadAsync(path);

        double recall = 0;
        for (int q = 0; q < QueryCount; q++)
        {
            var query = new MultiVectorEmbedding(TestVectors.Clustered(12, Dimensions, Centroids, seed: 9000 + q), Dimensions);
            var truth = await exact.SearchAsync(query, top: 10).Select(hit => hit.Record.Id).ToListAsync();
            var found = await compact.SearchAsync(query, top: 10).Select(hit => hit.Record.Id).ToListAsync();
            var foundAfterLoad = await reloaded.SearchAsync(query, top: 10).Select(hit => hit.Record.Id).ToListAsync();
            Assert.Equal(found, foundAfterLoad);
            recall += found.Intersect(truth).Count() / 10.0;
        }

        Assert.InRange(recall / QueryCount, minimumRecall, 1.0);
    }

    private static async Task<LateInteractionCollection<int, ScalePage>> PagesAsync(string indexKind, MultiVectorIndexOptions index)
    {
        var collection = Collection(indexKind, index);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(0, PageCount).Select(i => new ScalePage
        {
            Id = i,
            Patches = new MultiVectorEmbedding(TestVectors.Clustered(30 + (i % 17), Dimensions, Centroids, seed: i), Dimensions),
        }));
        return collection;
    }

    private static LateInteractionCollection<int, ScalePage> Collection(string indexKind, MultiVectorIndexOptions index)
        => new LateInteractionVectorStore(new() { MultiVectorIndex = index }).GetCollection<int, ScalePage>("pages", new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(ScalePage.Id), typeof(int)),
                new VectorStoreVectorProperty(nameof(ScalePage.Patches), typeof(MultiVectorEmbedding), Dimensions) { IndexKind = indexKind },
            ],
        });

    public sealed class ScalePage
    {
        public int Id { get; set; }

        public MultiVectorEmbedding? Patches { get; set; }
    }
}

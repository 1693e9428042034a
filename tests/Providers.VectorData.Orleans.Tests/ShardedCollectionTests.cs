using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Orleans.Tests;

/// <summary>
/// The sharded collection against the single-machine store on the same records: every answer must be the same,
/// keys, order and scores.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ShardedCollectionTests(ClusterFixture fixture)
{
    private const int ShardCount = 4;

    [PostgresTheory]
    [InlineData(MultiVectorIndexKind.Flat)]
    [InlineData(MultiVectorIndexKind.Int8Flat)]
    [InlineData(MultiVectorIndexKind.BinaryFlat)]
    public async Task Search_ranks_exactly_as_the_single_machine_store(string indexKind)
    {
        var (sharded, single) = await LoadBothAsync($"rank-{indexKind}", Articles.Create(150), indexKind);
        var query = Articles.Embedding(new Random(99), 5);

        await AssertSameHitsAsync(sharded, single, query, 10, new());
        await AssertSameHitsAsync(sharded, single, query, 7, new() { Skip = 4 });
        await AssertSameHitsAsync(sharded, single, query, 20, new() { Filter = a => a.Year >= 2018 && a.Category != "memo" });
        await AssertSameHitsAsync(sharded, single, query, 200, new() { ScoreThreshold = 0.5 });
    }

    [PostgresFact]
    public async Task Equal_scores_rank_in_insertion_order_across_shards()
    {
        var (sharded, single) = await LoadBothAsync("ties", Articles.Create(120), MultiVectorIndexKind.Flat);

        // Every seventh article holds article 0's vectors: a query equal to them scores those articles the same.
        var options = new VectorSearchOptions<Article> { VectorProperty = a => a.Patches };
        var hits = await sharded.SearchAsync(Articles.Create(1)[0].Patches!, top: 18, options).ToListAsync();
        var expected = await single.SearchAsync(Articles.Create(1)[0].Patches!, top: 18, options).ToListAsync();

        Assert.Equal(Enumerable.Range(0, 18).Select(i => $"a{i * 7:D4}"), hits.Select(hit => hit.Record.Id));
        Assert.Equal(expected.Select(hit => (hit.Record.Id, hit.Score)), hits.Select(hit => (hit.Record.Id, hit.Score)));
    }

    [PostgresFact]
    public async Task Single_vector_search_ranks_as_the_single_machine_store()
    {
        var (sharded, single) = await LoadBothAsync("single-vector", Articles.Create(90), MultiVectorIndexKind.Flat);
        var options = new VectorSearchOptions<Article> { VectorProperty = a => a.Summary, Filter = a => a.IsPublished };

        await AssertSameHitsAsync(sharded, single, new float[] { 0.3f, -0.2f, 0.9f, 0.1f }, 12, options);
    }

    [PostgresFact]
    public async Task Pushed_down_filters_select_what_the_single_machine_store_selects()
    {
        var (sharded, single) = await LoadBothAsync("filters", Articles.Create(100), MultiVectorIndexKind.Flat);
        string[] categories = ["memo", "letter"];
        int year = 2019;
        Expression<Func<Article, bool>>[] filters =
        [
            a => a.Category == "report",
            a => a.Year > year,
            a => a.Year <= 2017 || a.Category == "letter",
            a => !(a.Year == 2020),
            a => a.IsPublished,
            a => !a.IsPublished && a.Year != 2016,
            a => categories.Contains(a.Category),
            a => a.Tags.Contains("finance"),
            a => a.Id == "a0042",
        ];

        foreach (var filter in filters)
        {
            var expected = await single.GetAsync(filter, top: 1000).Select(a => a.Id).ToListAsync();
            var actual = await sharded.GetAsync(filter, top: 1000).Select(a => a.Id).ToListAsync();
            Assert.True(expected.Count > 0, $"{filter} selects nothing");
            Assert.Equal(expected, actual);
            await AssertSameHitsAsync(sharded, single, Articles.Embedding(new Random(3), 4), 8, new() { Filter = filter });
        }
    }

    [PostgresFact]
    public async Task Filtered_retrieval_orders_and_skips_as_the_single_machine_store()
    {
        var (sharded, single) = await LoadBothAsync("order", Articles.Create(80), MultiVectorIndexKind.Flat);
        var options = new FilteredRecordRetrievalOptions<Article> { Skip = 5, OrderBy = o => o.Descending(a => a.Year).Ascending(a => a.Category!) };

        var expected = await single.GetAsync(a => a.Year >= 2016, top: 12, options).Select(a => a.Id).ToListAsync();
        var actual = await sharded.GetAsync(a => a.Year >= 2016, top: 12, options).Select(a => a.Id).ToListAsync();

        Assert.Equal(expected, actual);
        Assert.Equal(
            await single.GetAsync(a => true, top: 30, new() { Skip = 10 }).Select(a => a.Id).ToListAsync(),
            await sharded.GetAsync(a => true, top: 30, new() { Skip = 10 }).Select(a => a.Id).ToListAsync());
    }

    [PostgresFact]
    public async Task Get_returns_the_record_with_its_vectors_and_embedding_metadata()
    {
        var articles = Articles.Create(10);
        var (sharded, single) = await LoadBothAsync("get", articles, MultiVectorIndexKind.Int8Flat);

        var found = await sharded.GetAsync("a0003", new() { IncludeVectors = true });
        var foundOnOneMachine = await single.GetAsync("a0003", new() { IncludeVectors = true });
        var withoutVectors = await sharded.GetAsync("a0003");

        Assert.NotNull(found);
        Assert.Equal(articles[3].Category, found.Category);
        Assert.Equal(articles[3].Tags, found.Tags);
        // Int8 collections keep int8 vectors, so both stores return the same dequantized values, not the originals.
        Assert.Equal(foundOnOneMachine!.Patches!.Vectors.ToArray(), found.Patches!.Vectors.ToArray());
        Assert.Equal("test-model", found.Patches.ModelId);
        Assert.Equal(articles[3].Summary, found.Summary);
        Assert.Null(withoutVectors!.Patches);
        Assert.Null(await sharded.GetAsync("missing"));
    }

    [PostgresFact]
    public async Task Upsert_replaces_a_record_in_place_and_delete_removes_it()
    {
        var articles = Articles.Create(30);
        var (sharded, single) = await LoadBothAsync("replace", articles, MultiVectorIndexKind.Flat);
        var replacement = Articles.Create(30, seed: 11)[5];
        replacement.Id = "a0005";

        foreach (var collection in new VectorStoreCollection<string, Article>[] { sharded, single })
        {
            await collection.UpsertAsync(replacement);
            await collection.DeleteAsync("a0001");
            await collection.DeleteAsync(["a0002", "a0020", "not-there"]);
        }

        Assert.Equal(replacement.Year, (await sharded.GetAsync("a0005"))!.Year);
        Assert.Null(await sharded.GetAsync("a0020"));
        Assert.Equal(
            await single.GetAsync(a => true, top: 100).Select(a => a.Id).ToListAsync(),
            await sharded.GetAsync(a => true, top: 100).Select(a => a.Id).ToListAsync());
        await AssertSameHitsAsync(sharded, single, replacement.Patches!, 10, new());
    }

    [PostgresFact]
    public async Task A_batch_with_a_bad_record_stores_nothing_in_any_shard()
    {
        var (sharded, _) = await LoadBothAsync("bad-batch", [], MultiVectorIndexKind.Flat);
        var batch = Articles.Create(20);
        batch[13].Patches = new MultiVectorEmbedding(new float[6], 6);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sharded.UpsertAsync(batch));

        Assert.Contains("a0013", error.Message, StringComparison.Ordinal);
        Assert.Empty(await sharded.GetAsync(a => true, top: 100).ToListAsync());
    }

    [PostgresFact]
    public async Task A_missing_collection_raises_the_stores_error()
    {
        var collection = new OrleansLateInteractionCollection<string, Article>(fixture.Grains, "never-created", Options());

        var error = await Assert.ThrowsAsync<VectorStoreException>(() => collection.GetAsync("a"));

        Assert.Equal("never-created", error.CollectionName);
        Assert.Equal("Get", error.OperationName);
        Assert.False(await collection.CollectionExistsAsync());
    }

    [PostgresFact]
    public async Task A_filter_outside_the_portable_subset_is_refused_before_any_shard_is_asked()
    {
        var (sharded, _) = await LoadBothAsync("bad-filter", Articles.Create(3), MultiVectorIndexKind.Flat);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => sharded.GetAsync(a => a.Id.StartsWith('a'), top: 3).ToListAsync().AsTask());

        Assert.Contains("StartsWith", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Typed_and_dynamic_views_share_the_records_and_a_different_shape_is_refused()
    {
        var (sharded, _) = await LoadBothAsync("views", Articles.Create(12), MultiVectorIndexKind.Flat);
        var dynamic = new OrleansLateInteractionDynamicCollection(fixture.Grains, "views", Options());
        var otherShape = new OrleansLateInteractionCollection<string, Article>(fixture.Grains, "views", Options(shardCount: ShardCount + 1));

        await dynamic.EnsureCollectionExistsAsync();
        var record = await dynamic.GetAsync("a0004", new() { IncludeVectors = true });
        await dynamic.UpsertAsync(new Dictionary<string, object?> { ["Id"] = "d1", ["Year"] = 2030, ["Tags"] = Array.Empty<string>() });

        Assert.Equal("memo", record!["Category"]);
        Assert.IsType<MultiVectorEmbedding>(record["Patches"]);
        Assert.Equal(2030, (await sharded.GetAsync("d1"))!.Year);
        await Assert.ThrowsAsync<InvalidOperationException>(() => otherShape.EnsureCollectionExistsAsync());
    }

    [PostgresFact]
    public async Task Embeddings_are_generated_on_the_client_for_upserts_and_searches()
    {
        var generator = new LetterEmbeddingGenerator();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(int)),
                new VectorStoreVectorProperty("Text", typeof(string), Articles.Dimensions),
            ],
            EmbeddingGenerator = generator,
        };
        var sharded = new OrleansLateInteractionDynamicCollection(fixture.Grains, "generated", Options(definition));
        var single = new LateInteractionDynamicCollection("generated", new() { Definition = definition });
        string[] texts = ["quarterly revenue", "regional sales", "staff memo", "revenue by region", "holiday letter"];
        foreach (var collection in new VectorStoreCollection<object, Dictionary<string, object?>>[] { sharded, single })
        {
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(texts.Select((text, i) => new Dictionary<string, object?> { ["Id"] = i, ["Text"] = text }));
        }

        var expected = await single.SearchAsync("revenue", top: 3).Select(hit => ((int)hit.Record["Id"]!, hit.Score)).ToListAsync();
        var actual = await sharded.SearchAsync("revenue", top: 3).Select(hit => ((int)hit.Record["Id"]!, hit.Score)).ToListAsync();

        Assert.Equal(expected, actual);
        Assert.True(generator.Calls >= 3);
    }

    [PostgresFact]
    public async Task Store_lists_creates_and_deletes_collections()
    {
        var store = new OrleansLateInteractionVectorStore(fixture.Grains, new() { ShardCount = 2 });
        var collection = store.GetCollection<string, Article>("listed", Articles.Definition());
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Articles.Create(4));

        Assert.Contains("listed", await store.ListCollectionNamesAsync().ToListAsync());
        await store.EnsureCollectionDeletedAsync("listed");

        Assert.False(await store.CollectionExistsAsync("listed"));
        await Assert.ThrowsAsync<VectorStoreException>(() => collection.GetAsync("a0001"));
    }

    [PostgresFact]
    public async Task A_cancelled_call_stops_waiting_for_the_shards()
    {
        var (sharded, _) = await LoadBothAsync("cancel", Articles.Create(3), MultiVectorIndexKind.Flat);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sharded.GetAsync("a0001", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => sharded.SearchAsync(Articles.Embedding(new Random(1), 2), 3, new() { VectorProperty = a => a.Patches }, cancelled.Token).ToListAsync().AsTask());
    }

    internal static async Task AssertSameHitsAsync<TInput>(
        VectorStoreCollection<string, Article> sharded, VectorStoreCollection<string, Article> single, TInput query, int top, VectorSearchOptions<Article> options)
        where TInput : notnull
    {
        options.VectorProperty ??= query is MultiVectorEmbedding ? a => a.Patches : a => a.Summary;
        var expected = await single.SearchAsync(query, top, options).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();
        var actual = await sharded.SearchAsync(query, top, options).Select(hit => (hit.Record.Id, hit.Score)).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    private OrleansLateInteractionCollectionOptions Options(VectorStoreCollectionDefinition? definition = null, int shardCount = ShardCount)
        => new() { Definition = definition ?? Articles.Definition(), ShardCount = shardCount, RecordsPerCall = 16 };

    private async Task<(OrleansLateInteractionCollection<string, Article> Sharded, LateInteractionCollection<string, Article> Single)> LoadBothAsync(
        string name, List<Article> articles, string indexKind)
    {
        var sharded = new OrleansLateInteractionCollection<string, Article>(fixture.Grains, name, Options(Articles.Definition(indexKind)));
        var single = new LateInteractionCollection<string, Article>(name, new() { Definition = Articles.Definition(indexKind) });
        await sharded.EnsureCollectionExistsAsync();
        await single.EnsureCollectionExistsAsync();
        if (articles.Count > 0)
        {
            await sharded.UpsertAsync(articles);
            await single.UpsertAsync(articles);
        }

        return (sharded, single);
    }
}

using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests;

public abstract class SearchBehaviourTests(StoreFactory stores) : CollectionSuite(stores)
{
    [CollectionFact]
    public async Task Multi_vector_search_ranks_pages_by_their_exact_MaxSim_score()
    {
        Page[] pages = [Pages.Create("a", "late"), Pages.Create("b", "interaction"), Pages.Create("c", "maxsim"), Pages.Create("d", "retrieval")];
        var collection = await CreatedCollectionAsync(pages);
        var query = CharacterEmbeddingGenerator.Embed("tax");

        var results = await collection.SearchAsync(query, top: 4).ToListAsync();

        var expected = ReferenceRanking(pages, query);
        Assert.Equal(expected.Select(hit => hit.Id), results.Select(result => result.Record.Id));
        Assert.All(results.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score!.Value, 1e-4));
    }

    [CollectionTheory]
    [InlineData(MultiVectorIndexKind.Int8Flat)]
    [InlineData(MultiVectorIndexKind.BinaryFlat)]
    [InlineData(IndexKind.QuantizedFlat)]
    public async Task Compressed_index_kinds_keeping_full_precision_return_the_same_exact_scores_as_flat(string indexKind)
    {
        string[] texts = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
        var flat = await PagesWith(IndexKind.Flat, texts);
        var compressed = await PagesWith(indexKind, texts, keepFullPrecision: true);
        var query = CharacterEmbeddingGenerator.Embed("mega");

        var expected = await flat.SearchAsync(query, top: 3).Select(r => (r.Record.Id, r.Score)).ToListAsync();
        var actual = await compressed.SearchAsync(query, top: 3).Select(r => (r.Record.Id, r.Score)).ToListAsync();

        Assert.Equal(expected, actual);
    }

    [CollectionTheory]
    [InlineData(DistanceFunction.CosineSimilarity, new[] { "same", "near", "long" })]
    [InlineData(DistanceFunction.CosineDistance, new[] { "same", "near", "long" })]
    [InlineData(DistanceFunction.DotProductSimilarity, new[] { "long", "same", "near" })]
    [InlineData(DistanceFunction.NegativeDotProductSimilarity, new[] { "long", "same", "near" })]
    [InlineData(DistanceFunction.EuclideanDistance, new[] { "same", "near", "far" })]
    [InlineData(DistanceFunction.EuclideanSquaredDistance, new[] { "same", "near", "far" })]
    public async Task Single_vector_search_orders_by_the_distance_function(string distanceFunction, string[] expected)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Note.Id), typeof(string)),
                new VectorStoreVectorProperty(nameof(Note.Embedding), typeof(ReadOnlyMemory<float>?), 4) { DistanceFunction = distanceFunction },
            ],
        };
        var collection = (await NewStoreAsync()).GetCollection<string, Note>("notes", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new Note { Id = "same", Embedding = new float[] { 1f, 0f, 0f, 0f } },
            new Note { Id = "near", Embedding = new float[] { 0.9f, 0.3f, 0f, 0f } },
            new Note { Id = "far", Embedding = new float[] { 0f, 0f, 1f, 0f } },
            new Note { Id = "long", Embedding = new float[] { 3f, 3f, 0f, 0f } },
        ]);

        var results = await collection.SearchAsync(new float[] { 1f, 0f, 0f, 0f }, top: 3).ToListAsync();

        Assert.Equal(expected, results.Select(result => result.Record.Id));
    }

    [CollectionFact]
    public async Task Top_and_skip_page_through_the_ranking()
    {
        Page[] pages = [Pages.Create("a", "abcd"), Pages.Create("b", "abc"), Pages.Create("c", "ab"), Pages.Create("d", "a"), Pages.Create("e", "zzz")];
        var collection = await CreatedCollectionAsync(pages);
        var query = CharacterEmbeddingGenerator.Embed("abcd");

        var second = await collection.SearchAsync(query, top: 2, new VectorSearchOptions<Page> { Skip = 2 }).ToListAsync();

        Assert.Equal(ReferenceRanking(pages, query).Skip(2).Take(2).Select(hit => hit.Id), second.Select(result => result.Record.Id));
    }

    [CollectionFact]
    public async Task Equal_scores_come_back_in_insertion_order()
    {
        var collection = await CreatedCollectionAsync(
            Pages.Create("third", "same"), Pages.Create("first", "same"), Pages.Create("second", "same"));

        var results = await collection.SearchAsync(CharacterEmbeddingGenerator.Embed("same"), top: 3).ToListAsync();

        Assert.Equal(["third", "first", "second"], results.Select(result => result.Record.Id));
    }

    [CollectionFact]
    public async Task Each_search_sees_the_upserts_and_deletes_made_since_the_one_before()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc"), Pages.Create("b", "xyz"));
        var query = CharacterEmbeddingGenerator.Embed("abc");
        async Task<string[]> IdsAsync() => [.. (await collection.SearchAsync(query, top: 5).ToListAsync()).Select(result => result.Record.Id)];
        Assert.Equal(["a", "b"], await IdsAsync());

        await collection.UpsertAsync(Pages.Create("c", "ab"));
        Assert.Equal(["a", "c", "b"], await IdsAsync());

        await collection.DeleteAsync("a");
        Assert.Equal(["c", "b"], await IdsAsync());

        await collection.UpsertAsync(Pages.Create("b", "abc"));
        Assert.Equal(["b", "c"], await IdsAsync());
        Assert.Equal(["b", "c"], await IdsAsync());
    }

    [CollectionFact]
    public async Task A_score_threshold_drops_weaker_matches()
    {
        Page[] pages = [Pages.Create("all", "abc"), Pages.Create("some", "ab"), Pages.Create("none", "xyz")];
        var collection = await CreatedCollectionAsync(pages);
        var query = CharacterEmbeddingGenerator.Embed("abc");

        var results = await collection.SearchAsync(query, top: 3, new VectorSearchOptions<Page> { ScoreThreshold = 2.5 }).ToListAsync();

        var expected = ReferenceRanking(pages, query).Where(hit => hit.Score >= 2.5).Select(hit => hit.Id).ToList();
        Assert.Contains("all", expected);
        Assert.DoesNotContain("none", expected);
        Assert.Equal(expected, results.Select(result => result.Record.Id));
    }

    [CollectionFact]
    public async Task Search_can_include_the_vectors_of_each_hit()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc"));

        var hit = await collection.SearchAsync(CharacterEmbeddingGenerator.Embed("a"), top: 1, new() { IncludeVectors = true }).SingleAsync();

        Assert.Equal(3, hit.Record.Patches!.TokenCount);
    }

    [CollectionFact]
    public async Task The_vector_property_to_search_can_be_chosen()
    {
        var collection = (await NewStoreAsync()).GetCollection<string, IllustratedPage>("illustrated");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new IllustratedPage { Id = "a", Patches = CharacterEmbeddingGenerator.Embed("abc"), Caption = [0f, 1f, 0f, 0f] },
            new IllustratedPage { Id = "b", Patches = CharacterEmbeddingGenerator.Embed("xyz"), Caption = [1f, 0f, 0f, 0f] },
        ]);

        var byCaption = await collection.SearchAsync(new float[] { 1f, 0f, 0f, 0f }, top: 1, new() { VectorProperty = page => page.Caption }).SingleAsync();
        var byPatches = await collection.SearchAsync(CharacterEmbeddingGenerator.Embed("abc"), top: 1, new() { VectorProperty = page => page.Patches }).SingleAsync();

        Assert.Equal(("b", "a"), (byCaption.Record.Id, byPatches.Record.Id));
    }

    [CollectionFact]
    public async Task A_query_of_other_dimensions_is_rejected()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc"));
        var query = new MultiVectorEmbedding(new float[8], 8);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => collection.SearchAsync(query, top: 1).ToListAsync().AsTask());

        Assert.Contains("8-dimensional", error.Message);
    }

    [CollectionFact]
    public async Task Searching_with_text_but_no_generator_is_not_supported()
    {
        var collection = await CreatedCollectionAsync(Pages.Create("a", "abc"));

        await Assert.ThrowsAsync<NotSupportedException>(() => collection.SearchAsync("text", top: 1).ToListAsync().AsTask());
    }

    [CollectionFact]
    public async Task Searching_an_empty_collection_finds_nothing()
    {
        var collection = await CreatedCollectionAsync();

        Assert.Empty(await collection.SearchAsync(CharacterEmbeddingGenerator.Embed("a"), top: 5).ToListAsync());
    }

    public static TheoryData<Expression<Func<Page, bool>>, string[]> Filters => new()
    {
        { page => page.Category == "manual", ["m1", "m2"] },
        { page => page.Category != "manual", ["r1", "n1"] },
        { page => page.Year < 2020, ["m1", "n1"] },
        { page => page.Year >= 2020 && page.Category == "manual", ["m2"] },
        { page => page.Category == "report" || page.Year == 2010, ["r1", "n1"] },
        { page => !(page.Year > 2015), ["m1", "n1"] },
        { page => new[] { "report", "manual" }.Contains(page.Category), ["m1", "m2", "r1"] },
        { page => page.Tags.Contains("scan"), ["m2", "r1"] },
        { page => page.IsPublished, ["m1", "r1"] },
    };

    [CollectionTheory]
    [MemberData(nameof(Filters))]
    public async Task Search_filters_by_comparisons_combined_with_and_or_not(Expression<Func<Page, bool>> filter, string[] expected)
    {
        var collection = await FilterFixtureAsync();

        var results = await collection.SearchAsync(CharacterEmbeddingGenerator.Embed("page"), top: 10, new() { Filter = filter }).ToListAsync();

        Assert.Equal(expected.Order(), results.Select(result => result.Record.Id).Order());
    }

    [CollectionTheory]
    [MemberData(nameof(Filters))]
    public async Task Get_filters_by_the_same_expressions(Expression<Func<Page, bool>> filter, string[] expected)
    {
        var collection = await FilterFixtureAsync();

        var records = await collection.GetAsync(filter, top: 10).ToListAsync();

        Assert.Equal(expected.Order(), records.Select(record => record.Id).Order());
    }

    [CollectionFact]
    public async Task A_captured_variable_can_be_compared()
    {
        var collection = await FilterFixtureAsync();
        string category = "report";

        var records = await collection.GetAsync(page => page.Category == category, top: 10).ToListAsync();

        Assert.Equal(["r1"], records.Select(record => record.Id));
    }

    [CollectionFact]
    public async Task A_method_call_in_a_filter_is_refused_with_the_supported_forms()
    {
        var collection = await FilterFixtureAsync();

        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => collection.GetAsync(page => page.Category!.StartsWith('m'), top: 10).ToListAsync().AsTask());

        Assert.Contains("StartsWith", error.Message);
        Assert.Contains("&&, || and !", error.Message);
    }

    [CollectionFact]
    public async Task A_filter_on_a_vector_property_is_refused()
    {
        var collection = await FilterFixtureAsync();

        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => collection.GetAsync(page => page.Patches == null, top: 10).ToListAsync().AsTask());

        Assert.Contains("vector property 'Patches'", error.Message);
    }

    [CollectionFact]
    public async Task Get_with_a_filter_orders_skips_and_takes()
    {
        var collection = await FilterFixtureAsync();

        var records = await collection.GetAsync(
            page => page.Year > 0,
            top: 2,
            new FilteredRecordRetrievalOptions<Page> { Skip = 1, OrderBy = order => order.Descending(page => page.Year) }).ToListAsync();

        Assert.Equal(["r1", "m1"], records.Select(record => record.Id));
    }

    private static List<(string Id, float Score)> ReferenceRanking(Page[] pages, MultiVectorEmbedding query)
        => pages
            .Select(page => (page.Id, Score: MaxSim.ScoreReference(query.Vectors.Span, page.Patches!.Vectors.Span, Pages.Dimensions)))
            .OrderByDescending(hit => hit.Score)
            .ToList();

    private async Task<VectorStoreCollection<string, Page>> FilterFixtureAsync()
    {
        var m1 = Pages.Create("m1", "page one", category: "manual", year: 2012);
        m1.IsPublished = true;
        var m2 = Pages.Create("m2", "page two", category: "manual", year: 2024);
        m2.Tags = ["scan", "colour"];
        var r1 = Pages.Create("r1", "page three", category: "report", year: 2022);
        r1.IsPublished = true;
        r1.Tags = ["scan"];
        var n1 = Pages.Create("n1", "page four", category: null, year: 2010);
        return await CreatedCollectionAsync(m1, m2, r1, n1);
    }

    [CollectionTheory]
    [InlineData(MultiVectorIndexKind.Int8Flat)]
    [InlineData(MultiVectorIndexKind.BinaryFlat)]
    public async Task Compact_index_kinds_rank_like_flat_with_int8_scores(string indexKind)
    {
        string[] texts = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
        var flat = await PagesWith(IndexKind.Flat, texts);
        var compact = await PagesWith(indexKind, texts);
        var query = CharacterEmbeddingGenerator.Embed("mega");

        var expected = await flat.SearchAsync(query, top: 3).ToListAsync();
        var actual = await compact.SearchAsync(query, top: 3).ToListAsync();

        Assert.Equal(expected.Select(r => r.Record.Id), actual.Select(r => r.Record.Id));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score!.Value, pair.Second.Score!.Value, 0.05));
        Assert.NotEqual(expected.Select(r => r.Score), actual.Select(r => r.Score));
    }

    [CollectionFact]
    public async Task A_collection_property_overlapping_a_list_of_values_filters_with_Any()
    {
        var collection = await CreatedCollectionAsync(
            Tagged("a", "scan", "draft"), Tagged("b", "final"), Tagged("c", "draft"), Tagged("d"));
        List<string> wanted = ["draft", "archived"];

        var found = await collection.GetAsync(page => page.Tags.Any(tag => wanted.Contains(tag)), top: 10).Select(page => page.Id).ToListAsync();
        var searched = await collection
            .SearchAsync(CharacterEmbeddingGenerator.Embed("x"), top: 10, new() { Filter = page => page.Tags.Any(tag => new[] { "final" }.Contains(tag)) })
            .Select(hit => hit.Record.Id).ToListAsync();

        Assert.Equal(["a", "c"], found);
        Assert.Equal(["b"], searched);
    }

    [CollectionFact]
    public async Task A_collection_with_a_candidate_count_shortlists_by_encoding_and_still_finds_the_best_page()
    {
        var store = await NewStoreAsync(new() { MultiVectorIndex = { CandidateCount = 3, RescoreCount = 2 } });
        var collection = store.GetCollection<string, Page>("pages");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new[] { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }.Select(text => Pages.Create(text, text)));

        var hit = await collection.SearchAsync(CharacterEmbeddingGenerator.Embed("gamma"), top: 1).SingleAsync();

        Assert.Equal("gamma", hit.Record.Id);
    }

    [CollectionFact]
    public async Task An_unsupported_search_input_is_reported_before_a_missing_collection()
    {
        var missing = await CollectionAsync("never-created");

        await Assert.ThrowsAsync<NotSupportedException>(() => missing.SearchAsync(new[] { 1, 2, 3 }, top: 1).ToListAsync().AsTask());
    }

    private static Page Tagged(string id, params string[] tags)
    {
        var page = Pages.Create(id, id);
        page.Tags = tags;
        return page;
    }

    private async Task<VectorStoreCollection<string, Page>> PagesWith(string indexKind, string[] texts, bool keepFullPrecision = false)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Page.Id), typeof(string)),
                new VectorStoreVectorProperty(nameof(Page.Patches), typeof(MultiVectorEmbedding), Pages.Dimensions) { IndexKind = indexKind },
            ],
        };
        var collection = (await NewStoreAsync(new() { MultiVectorIndex = { RescoreCount = 4, RescorePrecision = keepFullPrecision ? MaxSimPrecision.Float32 : MaxSimPrecision.Int8 } }))
            .GetCollection<string, Page>($"pages-{indexKind}-{(keepFullPrecision ? "fp32" : "compact")}", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(texts.Select((text, i) => Pages.Create($"p{i}", text)));
        return collection;
    }
}

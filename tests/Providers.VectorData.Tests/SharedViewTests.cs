using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests;

/// <summary>A typed and a dynamic collection object of the same shape are two views of the same records.</summary>
public sealed class SharedViewTests
{
    private static readonly VectorStoreCollectionDefinition PageDefinition = new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Page.Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Page.Category), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Page.Year), typeof(int)),
            new VectorStoreDataProperty(nameof(Page.IsPublished), typeof(bool)),
            new VectorStoreDataProperty(nameof(Page.Tags), typeof(string[])),
            new VectorStoreVectorProperty(nameof(Page.Patches), typeof(MultiVectorEmbedding), Pages.Dimensions),
        ],
    };

    [Fact]
    public async Task Records_upserted_through_the_typed_view_are_read_filtered_and_searched_through_the_dynamic_view()
    {
        var store = new LateInteractionVectorStore();
        var typed = Pages.Collection(store);
        await typed.EnsureCollectionExistsAsync();
        await typed.UpsertAsync([Pages.Create("a", "invoice", category: "bill", year: 2020), Pages.Create("b", "zzz", category: "memo")]);
        var dynamic = store.GetDynamicCollection("pages", PageDefinition);

        var record = await dynamic.GetAsync("a", new() { IncludeVectors = true });
        var hits = await dynamic
            .SearchAsync(CharacterEmbeddingGenerator.Embed("invoice"), top: 2, new() { Filter = r => (string)r[nameof(Page.Category)]! == "bill" })
            .ToListAsync();

        Assert.Equal(("a", "bill", 2020), (record![nameof(Page.Id)], record[nameof(Page.Category)], record[nameof(Page.Year)]));
        Assert.IsType<MultiVectorEmbedding>(record[nameof(Page.Patches)]);
        Assert.Equal(["a"], hits.Select(hit => hit.Record[nameof(Page.Id)]));
    }

    [Fact]
    public async Task Records_upserted_through_the_dynamic_view_are_read_and_filtered_through_the_typed_view()
    {
        var store = new LateInteractionVectorStore();
        var dynamic = store.GetDynamicCollection("pages", PageDefinition);
        await dynamic.EnsureCollectionExistsAsync();
        await dynamic.UpsertAsync(new Dictionary<string, object?>
        {
            [nameof(Page.Id)] = "d",
            [nameof(Page.Category)] = "report",
            [nameof(Page.Year)] = 2023,
            [nameof(Page.IsPublished)] = true,
            [nameof(Page.Tags)] = new[] { "scan" },
            [nameof(Page.Patches)] = CharacterEmbeddingGenerator.Embed("table"),
        });
        var typed = Pages.Collection(store);

        var page = await typed.GetAsync("d");
        var filtered = await typed.GetAsync(p => p.Year > 2020 && p.IsPublished, top: 5).SingleAsync();

        Assert.Equal(("report", 2023, true), (page!.Category, page.Year, page.IsPublished));
        Assert.Equal(["scan"], page.Tags);
        Assert.Equal("d", filtered.Id);
    }

    [Fact]
    public async Task A_typed_collection_object_keeps_working_after_the_dynamic_view_re_creates_the_collection()
    {
        var store = new LateInteractionVectorStore();
        var typed = Pages.Collection(store);
        await typed.EnsureCollectionExistsAsync();
        await typed.UpsertAsync(Pages.Create("old", "abc"));
        var dynamic = store.GetDynamicCollection("pages", PageDefinition);

        await dynamic.EnsureCollectionDeletedAsync();
        await dynamic.EnsureCollectionExistsAsync();
        await typed.UpsertAsync(Pages.Create("new", "abc", category: "fresh"));

        Assert.Null(await typed.GetAsync("old"));
        Assert.Equal("fresh", (await typed.GetAsync("new"))!.Category);
        Assert.Equal("fresh", (await dynamic.GetAsync("new"))![nameof(Page.Category)]);
    }
}

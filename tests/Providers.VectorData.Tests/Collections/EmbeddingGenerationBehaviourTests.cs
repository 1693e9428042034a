using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests;

public abstract class EmbeddingGenerationBehaviourTests(StoreFactory stores) : CollectionSuite(stores)
{
    [CollectionFact]
    public async Task Records_are_sent_to_the_generator_in_batches_of_the_configured_size()
    {
        var generator = new CharacterEmbeddingGenerator();
        var collection = await TextPagesAsync(generator, batchSize: 16);

        await collection.UpsertAsync(Enumerable.Range(0, 40).Select(i => new TextPage { Id = i, Text = $"page {i}" }));

        Assert.Equal([16, 16, 8], generator.BatchSizes);
    }

    [CollectionFact]
    public async Task Text_pages_are_embedded_as_multi_vectors_and_found_by_a_text_query()
    {
        var collection = await TextPagesAsync(new CharacterEmbeddingGenerator());
        await collection.UpsertAsync([new TextPage { Id = 1, Text = "quarterly revenue" }, new TextPage { Id = 2, Text = "xyz" }]);

        var hit = await collection.SearchAsync("revenue", top: 1).SingleAsync();

        Assert.Equal(1, hit.Record.Id);
    }

    [CollectionFact]
    public async Task Without_vectors_a_generated_property_comes_back_null_from_get_and_search()
    {
        var collection = await TextPagesAsync(new CharacterEmbeddingGenerator());
        await collection.UpsertAsync(new TextPage { Id = 1, Text = "quarterly revenue" });

        var found = await collection.GetAsync(1);
        var hit = await collection.SearchAsync("revenue", top: 1).SingleAsync();
        var filtered = await collection.GetAsync(page => page.Id == 1, top: 1).SingleAsync();

        Assert.Null(found!.Text);
        Assert.Null(hit.Record.Text);
        Assert.Null(filtered.Text);
    }

    [CollectionFact]
    public async Task A_generator_that_loses_embeddings_fails_the_upsert_with_the_batch_named()
    {
        var collection = await TextPagesAsync(new CharacterEmbeddingGenerator { ReturnedCount = count => count - 1 }, batchSize: 4);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => collection.UpsertAsync(Enumerable.Range(0, 4).Select(i => new TextPage { Id = i, Text = "text" })));

        Assert.Contains("returned 3 embeddings for a batch of 4 records", error.Message);
        Assert.Null(await collection.GetAsync(0));
    }

    [CollectionFact]
    public async Task Vectors_cannot_be_included_when_the_property_holds_the_text()
    {
        var collection = await TextPagesAsync(new CharacterEmbeddingGenerator());

        await Assert.ThrowsAsync<NotSupportedException>(() => collection.GetAsync(1, new RecordRetrievalOptions { IncludeVectors = true }));
    }

    [CollectionFact]
    public async Task A_multi_vector_property_embeds_a_text_query_with_the_collection_generator()
    {
        var store = await NewStoreAsync(new() { EmbeddingGenerator = new CharacterEmbeddingGenerator() });
        var collection = store.GetCollection<string, Page>("pages");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([Pages.Create("a", "invoice"), Pages.Create("b", "zzz")]);

        var hit = await collection.SearchAsync("invoice", top: 1, new() { VectorProperty = page => page.Patches }).SingleAsync();

        Assert.Equal("a", hit.Record.Id);
    }

    [CollectionFact]
    public async Task Images_are_embedded_through_a_DataContent_generator()
    {
        var generator = new ImageEmbeddingGenerator();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreVectorProperty("Image", typeof(DataContent), Pages.Dimensions),
            ],
            EmbeddingGenerator = generator,
        };
        var collection = (await NewStoreAsync()).GetDynamicCollection("images", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new Dictionary<string, object?> { ["Id"] = "chart", ["Image"] = new DataContent("chart"u8.ToArray(), "image/png") },
            new Dictionary<string, object?> { ["Id"] = "table", ["Image"] = new DataContent("table"u8.ToArray(), "image/png") },
        ]);

        var hit = await collection.SearchAsync(new DataContent("chart"u8.ToArray(), "image/png"), top: 1).SingleAsync();

        Assert.Equal("chart", hit.Record["Id"]);
    }

    private async Task<VectorStoreCollection<int, TextPage>> TextPagesAsync(CharacterEmbeddingGenerator generator, int batchSize = 16)
    {
        var store = await NewStoreAsync(new() { EmbeddingGenerator = generator, EmbeddingBatchSize = batchSize });
        var collection = store.GetCollection<int, TextPage>("text");
        await collection.EnsureCollectionExistsAsync();
        return collection;
    }

    /// <summary>Embeds an image's bytes read as text, one token per byte.</summary>
    private sealed class ImageEmbeddingGenerator : IEmbeddingGenerator<DataContent, MultiVectorEmbedding>
    {
        public Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
            IEnumerable<DataContent> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
            => Task.FromResult(new GeneratedEmbeddings<MultiVectorEmbedding>(
                values.Select(image => CharacterEmbeddingGenerator.Embed(System.Text.Encoding.ASCII.GetString(image.Data.Span)))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

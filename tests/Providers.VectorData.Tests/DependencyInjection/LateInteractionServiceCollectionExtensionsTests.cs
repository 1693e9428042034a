using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests.DependencyInjection;

public sealed class LateInteractionServiceCollectionExtensionsTests
{
    [Fact]
    public async Task The_store_is_the_vector_store_and_embeds_text_with_the_registered_multi_vector_generator()
    {
        var generator = new CharacterEmbeddingGenerator();
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>(generator)
            .AddLateInteractionVectorStore()
            .BuildServiceProvider();

        var store = provider.GetRequiredService<VectorStore>();
        var collection = store.GetCollection<int, TextPage>("pages");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([new TextPage { Id = 1, Text = "quarterly revenue" }, new TextPage { Id = 2, Text = "xyz" }]);
        var hit = await collection.SearchAsync("revenue", top: 1).SingleAsync();

        Assert.Same(provider.GetRequiredService<LateInteractionVectorStore>(), store);
        Assert.Equal(1, hit.Record.Id);
        Assert.NotEmpty(generator.BatchSizes);
    }

    [Fact]
    public async Task A_keyed_store_embeds_with_the_generator_of_its_key_before_the_default_one()
    {
        var keyed = new CharacterEmbeddingGenerator();
        var fallback = new CharacterEmbeddingGenerator();
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>(fallback)
            .AddKeyedSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>("pages", keyed)
            .AddKeyedLateInteractionVectorStore("pages")
            .BuildServiceProvider();

        var collection = provider.GetRequiredKeyedService<VectorStore>("pages").GetCollection<int, TextPage>("pages");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new TextPage { Id = 1, Text = "page" });

        Assert.Equal([1], keyed.BatchSizes);
        Assert.Empty(fallback.BatchSizes);
        Assert.Null(provider.GetService<VectorStore>());
    }

    [Fact]
    public async Task The_options_generator_wins_over_the_registered_one()
    {
        var registered = new CharacterEmbeddingGenerator();
        var chosen = new CharacterEmbeddingGenerator();
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>(registered)
            .AddLateInteractionVectorStore(o => o.EmbeddingGenerator = chosen)
            .BuildServiceProvider();

        var collection = provider.GetRequiredService<VectorStore>().GetCollection<int, TextPage>("pages");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new TextPage { Id = 1, Text = "page" });

        Assert.Equal([1], chosen.BatchSizes);
        Assert.Empty(registered.BatchSizes);
    }

    [Fact]
    public async Task A_collection_is_registered_as_the_collection_and_the_searchable_one_instance()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>(new CharacterEmbeddingGenerator())
            .AddLateInteractionCollection<int, TextPage>("pages", o => o.EmbeddingBatchSize = 4)
            .BuildServiceProvider();

        var collection = provider.GetRequiredService<VectorStoreCollection<int, TextPage>>();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync([new TextPage { Id = 1, Text = "quarterly revenue" }, new TextPage { Id = 2, Text = "xyz" }]);
        var hit = await provider.GetRequiredService<IVectorSearchable<TextPage>>().SearchAsync("revenue", top: 1).SingleAsync();

        Assert.Same(provider.GetRequiredService<LateInteractionCollection<int, TextPage>>(), collection);
        Assert.Equal("pages", collection.Name);
        Assert.Equal(1, hit.Record.Id);
    }

    [Fact]
    public void A_keyed_collection_is_found_under_its_key_only()
    {
        using var provider = new ServiceCollection()
            .AddKeyedSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>("a", new CharacterEmbeddingGenerator())
            .AddKeyedLateInteractionCollection<int, TextPage>("a", "pages")
            .BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredKeyedService<VectorStoreCollection<int, TextPage>>("a"));
        Assert.NotNull(provider.GetRequiredKeyedService<IVectorSearchable<TextPage>>("a"));
        Assert.Null(provider.GetService<VectorStoreCollection<int, TextPage>>());
    }
}

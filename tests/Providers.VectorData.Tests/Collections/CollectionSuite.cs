using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace Providers.VectorData.Tests;

/// <summary>
/// What every late-interaction collection must do, written once: the in-memory store and the Orleans-sharded store
/// each derive the suites from this class with a <see cref="StoreFactory"/>.
/// </summary>
/// <remarks>
/// This folder is compiled into both test projects; each project supplies its own
/// <c>CollectionFactAttribute</c> and <c>CollectionTheoryAttribute</c> (the Orleans one skips without PostgreSQL).
/// </remarks>
public abstract class CollectionSuite(StoreFactory stores) : IAsyncLifetime
{
    /// <summary>Gets the name the store reports as <see cref="VectorStoreMetadata.VectorStoreSystemName"/>.</summary>
    protected string SystemName => stores.SystemName;

    public Task InitializeAsync() => stores.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Returns a store that holds no collection but those the test made.</summary>
    protected Task<VectorStore> NewStoreAsync(StoreSettings? settings = null) => stores.NewStoreAsync(settings ?? new StoreSettings());

    protected async Task<VectorStoreCollection<string, Page>> CollectionAsync(string name = "pages")
        => (await NewStoreAsync()).GetCollection<string, Page>(name);

    protected async Task<VectorStoreCollection<string, Page>> CreatedCollectionAsync(params Page[] pages)
    {
        var collection = await CollectionAsync();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(pages);
        return collection;
    }

    protected async Task<VectorStoreCollection<string, Note>> NotesAsync(params Note[] notes)
    {
        var collection = (await NewStoreAsync()).GetCollection<string, Note>("notes");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(notes);
        return collection;
    }
}

/// <summary>Makes the stores a suite runs against.</summary>
public abstract class StoreFactory
{
    /// <summary>Gets the name the store reports as <see cref="VectorStoreMetadata.VectorStoreSystemName"/>.</summary>
    public abstract string SystemName { get; }

    /// <summary>Returns a store over the settings.</summary>
    public abstract Task<VectorStore> NewStoreAsync(StoreSettings settings);

    /// <summary>Runs before each test: a store whose collections outlive its objects empties them here.</summary>
    public virtual Task ResetAsync() => Task.CompletedTask;
}

/// <summary>The settings both stores share: embedding generation and the multi-vector index.</summary>
public sealed class StoreSettings
{
    public IEmbeddingGenerator? EmbeddingGenerator { get; init; }

    public int EmbeddingBatchSize { get; init; } = 16;

    public MultiVectorIndexOptions MultiVectorIndex { get; init; } = new();
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace Providers.VectorData.Tests;

/// <summary>
/// What every late-interaction collection must do, written once: the in-memory store and the Orleans-sharded store
/// each derive the suites from this class and say how to make an empty store.
/// </summary>
/// <remarks>
/// This folder is compiled into both test projects; each project supplies its own
/// <c>CollectionFactAttribute</c> and <c>CollectionTheoryAttribute</c> (the Orleans one skips without PostgreSQL).
/// </remarks>
public abstract class CollectionSuite
{
    /// <summary>Gets the name the store reports as <see cref="VectorStoreMetadata.VectorStoreSystemName"/>.</summary>
    protected abstract string SystemName { get; }

    /// <summary>Returns a store that holds no collection.</summary>
    protected abstract Task<VectorStore> NewStoreAsync(StoreSettings? settings = null);

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

/// <summary>The settings both stores share: embedding generation and the multi-vector index.</summary>
public sealed class StoreSettings
{
    public IEmbeddingGenerator? EmbeddingGenerator { get; init; }

    public int EmbeddingBatchSize { get; init; } = 16;

    public MultiVectorIndexOptions MultiVectorIndex { get; init; } = new();
}

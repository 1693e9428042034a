using Microsoft.Extensions.VectorData;

namespace Providers.VectorData.Tests;

/// <summary>Makes the shared collection suites run against the in-memory store: a new store per call.</summary>
internal sealed class InMemoryStores : StoreFactory
{
    public override string SystemName => LateInteractionVectorStore.SystemName;

    public override Task<VectorStore> NewStoreAsync(StoreSettings settings)
        => Task.FromResult<VectorStore>(new LateInteractionVectorStore(new()
        {
            EmbeddingGenerator = settings.EmbeddingGenerator,
            EmbeddingBatchSize = settings.EmbeddingBatchSize,
            MultiVectorIndex = settings.MultiVectorIndex,
        }));
}

/// <summary>A test of the shared collection suites; the in-memory store needs nothing to run it.</summary>
public sealed class CollectionFactAttribute : FactAttribute;

/// <summary>A theory of the shared collection suites.</summary>
public sealed class CollectionTheoryAttribute : TheoryAttribute;

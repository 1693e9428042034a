using Microsoft.Extensions.VectorData;
using Providers.VectorData.Tests;

namespace Providers.VectorData.Orleans.Tests.SharedSuite;

/// <summary>
/// Makes the single-machine store's collection suites (compiled in from Providers.VectorData.Tests/Collections)
/// run against the Orleans collection: three shards on the in-process cluster, durable in PostgreSQL.
/// </summary>
internal sealed class OrleansStores(ClusterFixture fixture) : StoreFactory
{
    public override string SystemName => OrleansLateInteractionVectorStore.SystemName;

    public override Task<VectorStore> NewStoreAsync(StoreSettings settings)
        => Task.FromResult<VectorStore>(new OrleansLateInteractionVectorStore(fixture.Grains, new()
        {
            EmbeddingGenerator = settings.EmbeddingGenerator,
            EmbeddingBatchSize = settings.EmbeddingBatchSize,
            MultiVectorIndex = settings.MultiVectorIndex,
            ShardCount = 3,
        }));

    /// <summary>Deletes every collection the cluster holds.</summary>
    /// <remarks>
    /// Tests of one xunit collection run one at a time, so each test of the suites starts from an empty cluster, as
    /// each in-memory test starts from a new store.
    /// </remarks>
    public override async Task ResetAsync()
    {
        if (fixture.Cluster is null)
        {
            return;
        }

        var store = new OrleansLateInteractionVectorStore(fixture.Grains);
        foreach (string name in await store.ListCollectionNamesAsync().ToListAsync())
        {
            await store.EnsureCollectionDeletedAsync(name);
        }
    }
}

[Collection(ClusterCollection.Name)]
public sealed class OrleansCollectionTests(ClusterFixture fixture) : CollectionBehaviourTests(new OrleansStores(fixture));

[Collection(ClusterCollection.Name)]
public sealed class OrleansSearchTests(ClusterFixture fixture) : SearchBehaviourTests(new OrleansStores(fixture));

[Collection(ClusterCollection.Name)]
public sealed class OrleansEmbeddingGenerationTests(ClusterFixture fixture) : EmbeddingGenerationBehaviourTests(new OrleansStores(fixture));

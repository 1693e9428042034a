using Microsoft.Extensions.VectorData;
using Providers.VectorData.Tests;

namespace Providers.VectorData.Orleans.Tests.SharedSuite;

/// <summary>
/// Makes the single-machine store's collection suites (compiled in from Providers.VectorData.Tests/Collections)
/// run against the Orleans collection: three shards on the in-process cluster, durable in PostgreSQL.
/// </summary>
internal static class OrleansSuite
{
    public static Task<VectorStore> NewStoreAsync(ClusterFixture fixture, StoreSettings? settings)
    {
        settings ??= new StoreSettings();
        return Task.FromResult<VectorStore>(new OrleansLateInteractionVectorStore(fixture.Grains, new()
        {
            EmbeddingGenerator = settings.EmbeddingGenerator,
            EmbeddingBatchSize = settings.EmbeddingBatchSize,
            MultiVectorIndex = settings.MultiVectorIndex,
            ShardCount = 3,
        }));
    }

    /// <summary>Deletes every collection the cluster holds.</summary>
    /// <remarks>
    /// Tests of one xunit collection run one at a time, so each test of the suites starts from an empty cluster, as
    /// each in-memory test starts from a new store.
    /// </remarks>
    public static async Task DeleteAllCollectionsAsync(ClusterFixture fixture)
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
public sealed class OrleansCollectionTests(ClusterFixture fixture) : CollectionBehaviourTests, IAsyncLifetime
{
    protected override string SystemName => OrleansLateInteractionVectorStore.SystemName;

    public Task InitializeAsync() => OrleansSuite.DeleteAllCollectionsAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task<VectorStore> NewStoreAsync(StoreSettings? settings = null) => OrleansSuite.NewStoreAsync(fixture, settings);
}

[Collection(ClusterCollection.Name)]
public sealed class OrleansSearchTests(ClusterFixture fixture) : SearchBehaviourTests, IAsyncLifetime
{
    protected override string SystemName => OrleansLateInteractionVectorStore.SystemName;

    public Task InitializeAsync() => OrleansSuite.DeleteAllCollectionsAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task<VectorStore> NewStoreAsync(StoreSettings? settings = null) => OrleansSuite.NewStoreAsync(fixture, settings);
}

[Collection(ClusterCollection.Name)]
public sealed class OrleansEmbeddingGenerationTests(ClusterFixture fixture) : EmbeddingGenerationBehaviourTests, IAsyncLifetime
{
    protected override string SystemName => OrleansLateInteractionVectorStore.SystemName;

    public Task InitializeAsync() => OrleansSuite.DeleteAllCollectionsAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    protected override Task<VectorStore> NewStoreAsync(StoreSettings? settings = null) => OrleansSuite.NewStoreAsync(fixture, settings);
}

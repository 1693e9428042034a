using System.Diagnostics.CodeAnalysis;
using Orleans.Concurrency;
using Providers.VectorData.Orleans.Postgres;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Grains;

/// <summary>The catalog, stateless: PostgreSQL holds it, so every silo may answer.</summary>
[StatelessWorker]
[RequiresUnreferencedCode("Schemas are serialized as JSON by reflection.")]
[RequiresDynamicCode("Schemas are serialized as JSON by reflection.")]
internal sealed class LateInteractionCatalogGrain(ShardRepository repository) : Grain, ILateInteractionCatalogGrain
{
    public Task<ShardSchema> EnsureCollectionAsync(string name, ShardSchema schema)
        => repository.EnsureCollectionAsync(name, schema, CancellationToken.None);

    public Task<ShardSchema?> FindCollectionAsync(string name) => repository.FindCollectionAsync(name, CancellationToken.None);

    public async Task DeleteCollectionAsync(string name)
    {
        if (await repository.FindCollectionAsync(name, CancellationToken.None) is not { } schema)
        {
            return;
        }

        await repository.DeleteCollectionAsync(name, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, schema.ShardCount)
            .Select(shard => GrainFactory.GetGrain<ILateInteractionShardGrain>(ShardKeys.For(name, shard)).DropAsync()));
    }

    public Task<string[]> ListCollectionsAsync() => repository.ListCollectionsAsync(CancellationToken.None);

    public async Task<long> ReserveSequencesAsync(string name, int count)
        => await repository.ReserveSequencesAsync(name, count, CancellationToken.None)
            ?? throw new CollectionNotFoundException(name);
}

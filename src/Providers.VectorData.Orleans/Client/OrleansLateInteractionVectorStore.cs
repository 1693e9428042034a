using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Orleans.Runtime;
using Providers.Core;
using Providers.VectorData.Orleans.Grains;

namespace Providers.VectorData.Orleans;

/// <summary>
/// A vector store whose collections are sharded over an Orleans cluster and kept in PostgreSQL; the client side of
/// the silos configured with <c>AddLateInteractionShards</c>.
/// </summary>
public sealed class OrleansLateInteractionVectorStore : VectorStore
{
    internal const string SystemName = "providers-late-interaction-orleans";

    private readonly IGrainFactory _grains;
    private readonly OrleansLateInteractionVectorStoreOptions _options;
    private readonly VectorStoreMetadata _metadata = new() { VectorStoreSystemName = SystemName };

    /// <summary>Initializes a store on a cluster.</summary>
    /// <param name="grains">The cluster client (or a grain's factory).</param>
    /// <param name="options">The defaults of its collections.</param>
    public OrleansLateInteractionVectorStore(IGrainFactory grains, OrleansLateInteractionVectorStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
        _options = options ?? new OrleansLateInteractionVectorStoreOptions();
    }

    private ILateInteractionCatalogGrain Catalog => _grains.GetGrain<ILateInteractionCatalogGrain>(0);

    /// <inheritdoc />
    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    public override OrleansLateInteractionCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
        => typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new ArgumentException(Microsoft.Extensions.VectorData.ProviderServices.VectorDataStrings.GetCollectionWithDictionaryNotSupported)
            : new OrleansLateInteractionCollection<TKey, TRecord>(_grains, name, CollectionOptions(definition));

    /// <inheritdoc />
    public override OrleansLateInteractionDynamicCollection GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new OrleansLateInteractionDynamicCollection(_grains, name, CollectionOptions(definition));
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string name in await Catalog.ListCollectionsAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return name;
        }
    }

    /// <inheritdoc />
    public override async Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
        => await Catalog.FindCollectionAsync(name).WaitAsync(cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
        => Catalog.DeleteCollectionAsync(name).WaitAsync(cancellationToken);

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => ServiceLookup.Find(this, serviceType, serviceKey, _metadata);

    private OrleansLateInteractionCollectionOptions CollectionOptions(VectorStoreCollectionDefinition? definition) => new()
    {
        Definition = definition,
        EmbeddingGenerator = _options.EmbeddingGenerator,
        ShardCount = _options.ShardCount,
        MultiVectorIndex = _options.MultiVectorIndex,
        EmbeddingBatchSize = _options.EmbeddingBatchSize,
        RecordsPerCall = _options.RecordsPerCall,
    };
}

/// <summary>Options for an <see cref="OrleansLateInteractionVectorStore"/>, applied to every collection it hands out.</summary>
public sealed class OrleansLateInteractionVectorStoreOptions
{
    /// <summary>Gets or sets the default embedding generator for vector properties that configure none.</summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }

    /// <summary>Gets or sets the shard count of the collections this store creates. Defaults to 8.</summary>
    public int ShardCount { get; set; } = 8;

    /// <summary>Gets or sets how the shards store and search multi-vector properties.</summary>
    public MultiVectorIndexOptions MultiVectorIndex { get; set; } = new();

    /// <summary>Gets or sets how many records are sent to an embedding generator in one call. Defaults to 16.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>Gets or sets the most records one upsert call to a shard carries. Defaults to 32.</summary>
    public int RecordsPerCall { get; set; } = 32;
}

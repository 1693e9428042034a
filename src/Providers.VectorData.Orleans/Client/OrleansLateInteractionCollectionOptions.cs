using Microsoft.Extensions.VectorData;

namespace Providers.VectorData.Orleans;

/// <summary>Options for an <see cref="OrleansLateInteractionCollection{TKey, TRecord}"/>.</summary>
public sealed class OrleansLateInteractionCollectionOptions : VectorStoreCollectionOptions
{
    /// <summary>
    /// Gets or sets how many shards (grains) hold the collection's records. Fixed when the collection is created;
    /// defaults to 8. Orleans spreads the shards over the silos, so more shards than silos balance better.
    /// </summary>
    public int ShardCount { get; set; } = 8;

    /// <summary>Gets or sets how the shards store and search multi-vector properties; fixed when the collection is created.</summary>
    public MultiVectorIndexOptions MultiVectorIndex { get; set; } = new();

    /// <summary>Gets or sets how many records are sent to an embedding generator in one call. Defaults to 16.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;

    /// <summary>
    /// Gets or sets the most records one upsert call to a shard carries. Defaults to 32: a ColQwen page is about
    /// 0.5 MB of floats, and an Orleans message should stay well under its size limit.
    /// </summary>
    public int RecordsPerCall { get; set; } = 32;
}

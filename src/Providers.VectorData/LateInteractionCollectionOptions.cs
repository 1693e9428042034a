using Microsoft.Extensions.VectorData;

namespace Providers.VectorData;

/// <summary>Options for a <see cref="LateInteractionCollection{TKey, TRecord}"/>.</summary>
public sealed class LateInteractionCollectionOptions : VectorStoreCollectionOptions
{
    /// <summary>Gets or sets how multi-vector properties are stored and searched.</summary>
    public MultiVectorIndexOptions MultiVectorIndex { get; set; } = new();

    /// <summary>
    /// Gets or sets how many records are sent to an embedding generator in one call when an upsert generates
    /// embeddings. Defaults to 16: a ColQwen page embedding is a heavy request.
    /// </summary>
    public int EmbeddingBatchSize { get; set; } = 16;
}

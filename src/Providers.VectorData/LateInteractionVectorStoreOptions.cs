using Microsoft.Extensions.AI;

namespace Providers.VectorData;

/// <summary>Options for a <see cref="LateInteractionVectorStore"/>, applied to every collection it hands out.</summary>
public sealed class LateInteractionVectorStoreOptions
{
    /// <summary>
    /// Gets or sets the default embedding generator for vector properties that configure none, for example an
    /// <c>IEmbeddingGenerator&lt;string, MultiVectorEmbedding&gt;</c> for ColQwen.
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }

    /// <summary>Gets or sets how multi-vector properties are stored and searched.</summary>
    public MultiVectorIndexOptions MultiVectorIndex { get; set; } = new();

    /// <summary>Gets or sets how many records are sent to an embedding generator in one call. Defaults to 16.</summary>
    public int EmbeddingBatchSize { get; set; } = 16;
}

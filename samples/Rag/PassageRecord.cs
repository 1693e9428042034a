using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.Samples.Rag;

/// <summary>A document's passage, embedded by the local text model one vector per token.</summary>
internal sealed class PassageRecord
{
    [VectorStoreKey]
    public required string DocumentId { get; set; }

    [VectorStoreData]
    public required string Title { get; set; }

    [VectorStoreData]
    public required string Text { get; set; }

    [VectorStoreVector(TextRetriever.Dimensions)]
    public MultiVectorEmbedding? Embedding { get; set; }
}

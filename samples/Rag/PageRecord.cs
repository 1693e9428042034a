using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.Samples.Rag;

/// <summary>A document's rendered page, embedded by ColQwen one vector per image patch: another model, so another collection.</summary>
internal sealed class PageRecord
{
    [VectorStoreKey]
    public required string DocumentId { get; set; }

    [VectorStoreData]
    public required string Title { get; set; }

    [VectorStoreVector(128)]
    public MultiVectorEmbedding? Embedding { get; set; }
}

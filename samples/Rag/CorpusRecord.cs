using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.Samples.Rag;

/// <summary>
/// One entry of the index: a document's passage (embedded as text) or its rendered page (embedded as an image).
/// Both kinds share one ColQwen embedding space, so one query ranks them together.
/// </summary>
internal sealed class CorpusRecord
{
    public const string PassageKind = "passage";
    public const string PageKind = "page";

    [VectorStoreKey]
    public required string Id { get; set; }

    [VectorStoreData]
    public required string DocumentId { get; set; }

    [VectorStoreData]
    public required string Title { get; set; }

    [VectorStoreData]
    public required string Kind { get; set; }

    /// <summary>The passage; for a page, the text printed on it, which is what the chat model reads.</summary>
    [VectorStoreData]
    public required string Text { get; set; }

    [VectorStoreVector(128)]
    public MultiVectorEmbedding? Embedding { get; set; }
}

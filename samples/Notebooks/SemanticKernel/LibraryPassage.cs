using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel.Data;

namespace Providers.Samples.Notebooks.SemanticKernel;

/// <summary>A passage of the notebook's little library. The store embeds <see cref="Text"/> itself, with the kernel's ColQwen generator.</summary>
internal sealed class LibraryPassage
{
    [VectorStoreKey]
    public required string Id { get; set; }

    [VectorStoreData]
    [TextSearchResultName]
    public required string Title { get; set; }

    [VectorStoreVector(128)]
    [TextSearchResultValue]
    public required string Text { get; set; }
}

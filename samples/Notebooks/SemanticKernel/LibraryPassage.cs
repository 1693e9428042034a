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

    [VectorStoreData]
    [TextSearchResultValue]
    public required string Text { get; set; }

    /// <summary>What the store embeds: the passage's text, turned into token vectors by the store's generator.</summary>
    [VectorStoreVector(128)]
    public string Embedding => this.Text;
}

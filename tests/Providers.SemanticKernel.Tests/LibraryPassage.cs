using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel.Data;

namespace Providers.SemanticKernel.Tests;

/// <summary>A passage whose multi-vector the store generates from its text, shaped for Semantic Kernel's text search.</summary>
public sealed class LibraryPassage
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

    public static LibraryPassage[] Samples { get; } =
    [
        new() { Id = "press", Title = "The printing press", Text = "Johannes Gutenberg built the first movable-type printing press in Mainz around 1440." },
        new() { Id = "etna", Title = "Mount Etna", Text = "Mount Etna on the east coast of Sicily is the most active volcano in Europe." },
        new() { Id = "bees", Title = "The waggle dance", Text = "Honey bees tell their nest mates where food is with the waggle dance." },
    ];
}

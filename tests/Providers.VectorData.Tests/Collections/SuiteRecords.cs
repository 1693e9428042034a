using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Tests;

public sealed class Page
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string? Category { get; set; }

    [VectorStoreData]
    public int Year { get; set; }

    [VectorStoreData]
    public bool IsPublished { get; set; }

    [VectorStoreData]
    public string[] Tags { get; set; } = [];

    [VectorStoreVector(Pages.Dimensions)]
    public MultiVectorEmbedding? Patches { get; set; }
}

/// <summary>A record with one single vector.</summary>
public sealed class Note
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreVector(4, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float>? Embedding { get; set; }
}

/// <summary>A record with a multi-vector and a single vector, so that searches must name one.</summary>
public sealed class IllustratedPage
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreVector(Pages.Dimensions)]
    public MultiVectorEmbedding? Patches { get; set; }

    [VectorStoreVector(4)]
    public float[]? Caption { get; set; }
}

/// <summary>A record whose multi-vector is generated from its text.</summary>
public sealed class TextPage
{
    [VectorStoreKey]
    public int Id { get; set; }

    [VectorStoreVector(Pages.Dimensions)]
    public string? Text { get; set; }
}

public sealed class GuidRecord
{
    [VectorStoreKey]
    public Guid Id { get; set; }

    [VectorStoreData]
    public string? Name { get; set; }
}

internal static partial class Pages
{
    public const int Dimensions = 16;

    /// <summary>A page whose multi-vector has one token per character of <paramref name="text"/>.</summary>
    public static Page Create(string id, string text, string? category = null, int year = 2024) => new()
    {
        Id = id,
        Category = category,
        Year = year,
        Patches = CharacterEmbeddingGenerator.Embed(text),
    };
}

using Microsoft.Extensions.VectorData;
using Providers.Core;

namespace Providers.VectorData.Orleans.Tests;

public sealed class Article
{
    public string Id { get; set; } = "";

    public string? Category { get; set; }

    public int Year { get; set; }

    public bool IsPublished { get; set; }

    public string[] Tags { get; set; } = [];

    public MultiVectorEmbedding? Patches { get; set; }

    public float[]? Summary { get; set; }
}

internal static class Articles
{
    public const int Dimensions = 8;

    public static readonly string[] Categories = ["report", "memo", "letter"];

    /// <summary>The definition of <see cref="Article"/>, with the multi-vector index kind under test.</summary>
    public static VectorStoreCollectionDefinition Definition(string indexKind = MultiVectorIndexKind.Flat) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Article.Id), typeof(string)),
            new VectorStoreDataProperty(nameof(Article.Category), typeof(string)),
            new VectorStoreDataProperty(nameof(Article.Year), typeof(int)),
            new VectorStoreDataProperty(nameof(Article.IsPublished), typeof(bool)),
            new VectorStoreDataProperty(nameof(Article.Tags), typeof(string[])),
            new VectorStoreVectorProperty(nameof(Article.Patches), typeof(MultiVectorEmbedding), Dimensions) { IndexKind = indexKind },
            new VectorStoreVectorProperty(nameof(Article.Summary), typeof(float[]), 4) { DistanceFunction = DistanceFunction.CosineSimilarity },
        ],
    };

    /// <summary>
    /// Deterministic records: 1 to 12 random token vectors each; every seventh repeats record 0's vectors, so that
    /// equal scores occur and must rank by insertion order.
    /// </summary>
    public static List<Article> Create(int count, int seed = 7)
    {
        var random = new Random(seed);
        var articles = new List<Article>(count);
        for (int i = 0; i < count; i++)
        {
            var article = new Article
            {
                Id = $"a{i:D4}",
                Category = Categories[i % Categories.Length],
                Year = 2015 + (i % 10),
                IsPublished = i % 2 == 0,
                Tags = i % 3 == 0 ? ["finance", "q" + (i % 4)] : ["q" + (i % 4)],
                Patches = i % 7 == 0 && i > 0 ? articles[0].Patches : Embedding(random, 1 + random.Next(12)),
                Summary = [.. Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 2 - 1))],
            };
            articles.Add(article);
        }

        return articles;
    }

    public static MultiVectorEmbedding Embedding(Random random, int tokens)
    {
        var values = new float[tokens * Dimensions];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return new MultiVectorEmbedding(values, Dimensions) { ModelId = "test-model" };
    }
}

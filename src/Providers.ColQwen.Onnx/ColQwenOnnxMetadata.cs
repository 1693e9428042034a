using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>What the page and query generators share: their metadata, option checks and result shape.</summary>
internal static class ColQwenOnnxMetadata
{
    public const string ProviderName = "colqwen-onnx";

    public static EmbeddingGeneratorMetadata Create(ColQwenOnnxModel model) =>
        new(ProviderName, new Uri(Path.GetFullPath(model.ModelDirectory)), model.ModelId, model.Dimensions);

    public static void CheckRequestedDimensions(EmbeddingGenerationOptions? options, int dimensions)
    {
        if (options?.Dimensions is { } requested && requested != dimensions)
        {
            throw new ArgumentException(
                $"The model produces {dimensions}-dimensional vectors; {requested} were requested.", nameof(options));
        }
    }

    public static GeneratedEmbeddings<MultiVectorEmbedding> ToGenerated(MultiVectorEmbedding[] embeddings) =>
        new(embeddings)
        {
            Usage = new UsageDetails
            {
                InputTokenCount = embeddings.Sum(embedding => (long)embedding.TokenCount),
                TotalTokenCount = embeddings.Sum(embedding => (long)embedding.TokenCount),
            },
        };
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SvRay;

/// <summary>Batching the way the SV Ray reference client sends: 50 inputs per request, 8 page images for the ColPali endpoint.</summary>
/// <remarks>
/// Add it first (outermost), then <c>UseRetry</c>, so that each batch is retried on its own:
/// <c>new SvRayEmbeddingGenerator(options).AsBuilder().UseSvRayBatching().UseRetry().Build()</c>.
/// </remarks>
public static class SvRayBuilderExtensions
{
    /// <summary>The most inputs per request the reference client sends: 50.</summary>
    public const int DefaultBatchSize = 50;

    /// <summary>The most page images the ColPali-style endpoint takes per request: 8.</summary>
    public const int DefaultPageBatchSize = 8;

    /// <summary>Sends text embeddings in batches of at most <paramref name="maxBatchSize"/> inputs.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="maxBatchSize">The most inputs per request.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> UseSvRayBatching(
        this EmbeddingGeneratorBuilder<string, Embedding<float>> builder, int maxBatchSize = DefaultBatchSize) =>
        builder.UseBatching(o => o.MaxBatchSize = maxBatchSize);

    /// <summary>Sends image-and-text embeddings in batches of at most <paramref name="maxBatchSize"/> inputs; each batch keeps the caller's order.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="maxBatchSize">The most inputs per request.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> UseSvRayBatching(
        this EmbeddingGeneratorBuilder<AIContent, Embedding<float>> builder, int maxBatchSize = DefaultBatchSize) =>
        builder.UseBatching(o => o.MaxBatchSize = maxBatchSize);

    /// <summary>Sends ColBERT embeddings in batches of at most <paramref name="maxBatchSize"/> texts.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="maxBatchSize">The most inputs per request.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> UseSvRayBatching(
        this EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> builder, int maxBatchSize = DefaultBatchSize) =>
        builder.UseBatching(o => o.MaxBatchSize = maxBatchSize);

    /// <summary>Sends page embeddings in batches of at most <paramref name="maxBatchSize"/> images.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="maxBatchSize">The most images per request; the endpoint refuses more than 8.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> UseSvRayBatching(
        this EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> builder, int maxBatchSize = DefaultPageBatchSize) =>
        builder.UseBatching(o => o.MaxBatchSize = maxBatchSize);
}

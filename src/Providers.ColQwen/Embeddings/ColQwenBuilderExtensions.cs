using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>Batching suited to the ColQwen2.5 service, which takes any batch size but can run out of GPU memory on a large one.</summary>
public static class ColQwenBuilderExtensions
{
    /// <summary>The most page images per request by default: 8, as the SV Ray cluster's ColPali endpoint takes.</summary>
    public const int DefaultImageBatchSize = 8;

    /// <summary>The most queries per request by default.</summary>
    public const int DefaultQueryBatchSize = 32;

    /// <summary>
    /// Sends at most <paramref name="maxBatchSize"/> images per request, one request at a time, so that a large call
    /// never puts more than one batch on the service's GPU.
    /// </summary>
    /// <typeparam name="TImage">The page input type: <see cref="AIContent"/>, or <see cref="DataContent"/> for a pipeline typed to bytes only.</typeparam>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="maxBatchSize">The most images per request.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<TImage, MultiVectorEmbedding> UseColQwenBatching<TImage>(
        this EmbeddingGeneratorBuilder<TImage, MultiVectorEmbedding> builder, int maxBatchSize = DefaultImageBatchSize)
        where TImage : AIContent =>
        builder.UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (maxBatchSize, 1));

    /// <summary>Sends at most <paramref name="maxBatchSize"/> queries per request, one request at a time.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="maxBatchSize">The most queries per request.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> UseColQwenBatching(
        this EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> builder, int maxBatchSize = DefaultQueryBatchSize) =>
        builder.UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (maxBatchSize, 1));
}

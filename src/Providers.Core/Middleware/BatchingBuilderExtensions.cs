using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>Adds batching to embedding pipelines.</summary>
public static class BatchingBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="BatchingEmbeddingGenerator{TInput, TEmbedding}"/> to the pipeline. Call it before
    /// <c>UseRetry</c> so that each batch is retried on its own rather than the whole call.
    /// </summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Adjusts the batching options.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseBatching<TInput, TEmbedding>(
        this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, Action<BatchingOptions>? configure = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new BatchingOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        return builder.Use(inner => new BatchingEmbeddingGenerator<TInput, TEmbedding>(inner, options));
    }
}

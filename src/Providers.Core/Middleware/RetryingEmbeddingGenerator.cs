using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Providers.Core;

/// <summary>
/// Retries embedding requests that failed transiently (429, 408, 5xx, connection failures), honouring the delay the
/// service asks for. Placed inside <see cref="BatchingEmbeddingGenerator{TInput, TEmbedding}"/>, it retries each batch on its own.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TEmbedding">The embedding type.</typeparam>
public sealed class RetryingEmbeddingGenerator<TInput, TEmbedding> : DelegatingEmbeddingGenerator<TInput, TEmbedding>
    where TEmbedding : Embedding
{
    private readonly RetryPolicy _policy;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="innerGenerator">The generator to retry.</param>
    /// <param name="options">How to retry; defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where to log retries; none when <see langword="null"/>.</param>
    public RetryingEmbeddingGenerator(IEmbeddingGenerator<TInput, TEmbedding> innerGenerator, RetryOptions? options = null, ILogger? logger = null)
        : base(innerGenerator)
    {
        var metadata = innerGenerator.GetService<EmbeddingGeneratorMetadata>();
        _policy = new RetryPolicy(options ?? new RetryOptions(), metadata?.ProviderName, metadata?.ProviderUri, "embeddings", logger);
    }

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values as IReadOnlyCollection<TInput> ?? values.ToList();
        return _policy.ExecuteAsync(ct => base.GenerateAsync(inputs, options, ct), cancellationToken);
    }
}

using Microsoft.Extensions.AI;
using Providers.Core.OpenAI;

namespace Providers.Ovms;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for OVMS's <c>/v3/embeddings</c>. Requests always carry
/// <c>Content-Type: application/json</c> (without it OVMS reads the graph name from the URI and answers 404); answers
/// without <c>model</c> are expected; a wrong API key (OVMS answers 500) is not retried.
/// </summary>
public sealed class OvmsEmbeddingGenerator : OpenAICompatibleEmbeddingGenerator
{
    private const string EmbeddingsPath = "v3/embeddings";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsEmbeddingGenerator(HttpClient httpClient, OvmsOptions options)
        : base(OvmsService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), EmbeddingsPath, options.EmbeddingModelId, options.EmbeddingEncoding)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsEmbeddingGenerator(OvmsOptions options)
        : base(OvmsService.Create(options, httpClient: null), EmbeddingsPath, options.EmbeddingModelId, options.EmbeddingEncoding)
    {
    }

    /// <inheritdoc />
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        OvmsService.GuardAsync(() => base.GenerateAsync(values, options, cancellationToken));
}

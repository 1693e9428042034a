using Providers.Core.OpenAI;

namespace Providers.Spirit;

/// <summary>
/// An <see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/> for a Spirit-GPU proxy-mode endpoint
/// whose worker serves the OpenAI API (vLLM, or Ollama's <c>/v1</c>): <c>POST /v1/embeddings</c> through the proxy.
/// Every answer is checked: one finite vector per input, in input order, of one length.
/// </summary>
public sealed class SpiritProxyEmbeddingGenerator : OpenAICompatibleEmbeddingGenerator
{
    private const string EmbeddingsPath = "v1/embeddings";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritProxyEmbeddingGenerator(HttpClient httpClient, SpiritProxyEmbeddingOptions options)
        : base(SpiritProxyService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), EmbeddingsPath, options.ModelId, encoding: null, options.Dimensions)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritProxyEmbeddingGenerator(SpiritProxyEmbeddingOptions options)
        : base(SpiritProxyService.Create(options, httpClient: null), EmbeddingsPath, options.ModelId, encoding: null, options.Dimensions)
    {
    }
}

using Providers.Core.OpenAI;

namespace Providers.SciBox;

/// <summary>
/// An <see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/> for SciBox's <c>/v1/embeddings</c>,
/// by default with <c>bge-m3</c>. It always sends <c>encoding_format</c>, as LiteLLM advises.
/// </summary>
public sealed class SciBoxEmbeddingGenerator : OpenAICompatibleEmbeddingGenerator
{
    private const string EmbeddingsPath = "v1/embeddings";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SciBoxEmbeddingGenerator(HttpClient httpClient, SciBoxOptions options)
        : base(SciBoxService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), EmbeddingsPath, options.EmbeddingModelId, options.EmbeddingEncoding)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SciBoxEmbeddingGenerator(SciBoxOptions options)
        : base(SciBoxService.Create(options, httpClient: null), EmbeddingsPath, options.EmbeddingModelId, options.EmbeddingEncoding)
    {
    }
}

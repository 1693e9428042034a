using Providers.Core.OpenAI;

namespace Providers.SvRay;

/// <summary>
/// Lists the models the SV Ray cluster's vLLM chat deployment serves (<c>GET /v1/models</c> under the chat base URL),
/// e.g. <c>openai/gpt-oss-20b</c>.
/// </summary>
public sealed class SvRayModelCatalog : OpenAICompatibleModelCatalog
{
    private const string ModelsPath = "v1/models";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The chat settings (the model list lives beside chat); validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayModelCatalog(HttpClient httpClient, SvRayChatOptions options)
        : base(SvRayEmbeddingService.Name, options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ModelsPath)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The chat settings (the model list lives beside chat); validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayModelCatalog(SvRayChatOptions options)
        : base(SvRayEmbeddingService.Name, options, httpClient: null, ModelsPath)
    {
    }
}

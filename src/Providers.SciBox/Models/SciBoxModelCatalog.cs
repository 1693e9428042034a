using Providers.Core.OpenAI;

namespace Providers.SciBox;

/// <summary>Lists the models SciBox serves (<c>GET /v1/models</c>), e.g. <c>Qwen2.5-72B-Instruct-AWQ</c> and <c>bge-m3</c>.</summary>
public sealed class SciBoxModelCatalog : OpenAICompatibleModelCatalog
{
    private const string ModelsPath = "v1/models";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SciBoxModelCatalog(HttpClient httpClient, SciBoxOptions options)
        : base(SciBoxService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), ModelsPath)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SciBoxModelCatalog(SciBoxOptions options)
        : base(SciBoxService.Create(options, httpClient: null), ModelsPath)
    {
    }
}

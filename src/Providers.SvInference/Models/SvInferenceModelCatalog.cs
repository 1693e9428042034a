using Providers.Core.OpenAI;

namespace Providers.SvInference;

/// <summary>
/// Lists the models the SV inference server (vLLM) serves (<c>GET /v1/models</c>), e.g.
/// <c>Qwen/Qwen2.5-VL-72B-Instruct</c>, so an application can check which vision model a deployment runs.
/// </summary>
public sealed class SvInferenceModelCatalog : OpenAICompatibleModelCatalog
{
    private const string ServiceName = "SvInference";

    private const string ModelsPath = "v1/models";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvInferenceModelCatalog(HttpClient httpClient, SvInferenceOptions options)
        : base(ServiceName, options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ModelsPath)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvInferenceModelCatalog(SvInferenceOptions options)
        : base(ServiceName, options, httpClient: null, ModelsPath)
    {
    }
}

using Providers.Core.OpenAI;

namespace Providers.Ovms;

/// <summary>Lists the graphs OVMS serves through its OpenAI-style API (<c>GET /v3/models</c>, <c>owned_by: "OVMS"</c>).</summary>
public sealed class OvmsModelCatalog : OpenAICompatibleModelCatalog
{
    private const string ModelsPath = "v3/models";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsModelCatalog(HttpClient httpClient, OvmsOptions options)
        : base(OvmsService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), ModelsPath)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsModelCatalog(OvmsOptions options)
        : base(OvmsService.Create(options, httpClient: null), ModelsPath)
    {
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<ServedModel>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        OvmsService.GuardAsync(() => base.ListModelsAsync(cancellationToken));
}

namespace Providers.Core.OpenAI;

/// <summary>Lists the models an OpenAI-style service serves (<c>GET /v1/models</c> on LiteLLM and vLLM, <c>/v3/models</c> on OVMS).</summary>
public class OpenAICompatibleModelCatalog : OpenAICompatibleEndpoint
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="service">The service client.</param>
    /// <param name="path">The model-list path under the base URL, e.g. <c>v1/models</c>.</param>
    public OpenAICompatibleModelCatalog(ServiceHttpClient service, string path)
        : base(service, path)
    {
    }

    /// <summary>
    /// Initializes a new instance for the OpenAI-style server that <paramref name="options"/> describes, authenticated
    /// as its chat client is (bearer, with the optional key).
    /// </summary>
    /// <param name="serviceName">The service's name, used in errors and telemetry.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="httpClient">The HTTP client to send with (not disposed), or <see langword="null"/> to create and own one.</param>
    /// <param name="path">The model-list path under the base URL, e.g. <c>v1/models</c>.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    protected OpenAICompatibleModelCatalog(string serviceName, OpenAICompatibleChatOptions options, HttpClient? httpClient, string path)
        : this(options.CreateServiceClient(serviceName, httpClient, () => ServiceAuthentication.Bearer(options.ApiKey)), path)
    {
    }

    /// <summary>Lists the served models, in the service's order.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ProviderException">The service failed or answered without a model list.</exception>
    public virtual async Task<IReadOnlyList<ServedModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var list = await Service.GetJsonAsync(Path, OpenAIJsonContext.Default.ModelListBody, cancellationToken).ConfigureAwait(false);
        var data = list.Data ?? throw new InvalidResponseException(Service.ServiceName, $"{Service.ServiceName} model list: the answer has no 'data' array.");
        var models = new ServedModel[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            string id = string.IsNullOrEmpty(data[i].Id)
                ? throw new InvalidResponseException(Service.ServiceName, $"{Service.ServiceName} model list: entry {i} has no 'id'.")
                : data[i].Id!;
            models[i] = new ServedModel(id, data[i].OwnedBy, OpenAIChatResponseReader.ToCreatedAt(data[i].Created));
        }

        return models;
    }
}

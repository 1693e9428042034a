using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for a Spirit-GPU proxy-mode endpoint whose worker runs
/// Ollama: <c>POST /api/embed</c> through the proxy, all values in one request. Every answer is checked: one vector per
/// value, in the values' order, of one length (the one asked for with <see cref="EmbeddingGenerationOptions.Dimensions"/>).
/// </summary>
/// <remarks>
/// <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> go into Ollama's <c>options</c> (e.g. <c>num_ctx</c>),
/// except <c>truncate</c> and <c>keep_alive</c>, which are fields of the request itself.
/// </remarks>
public sealed class SpiritOllamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingInputValidator<string>
{
    private const string EmbedPath = "api/embed";
    private const string Truncate = "truncate";
    private const string KeepAlive = "keep_alive";

    private readonly ServiceHttpClient _service;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritOllamaEmbeddingGenerator(HttpClient httpClient, SpiritProxyEmbeddingOptions options)
        : this(SpiritProxyService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), options)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritOllamaEmbeddingGenerator(SpiritProxyEmbeddingOptions options)
        : this(SpiritProxyService.Create(options, httpClient: null), options)
    {
    }

    private SpiritOllamaEmbeddingGenerator(ServiceHttpClient service, SpiritProxyEmbeddingOptions options)
    {
        _service = service;
        _metadata = new EmbeddingGeneratorMetadata(service.ServiceName, service.BaseAddress, options.ModelId, options.Dimensions);
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<string> ?? [.. values];
        ThrowIfInvalid(inputs, options);
        if (inputs.Count == 0)
        {
            return [];
        }

        var body = Build(inputs, options);
        var answer = await _service.PostJsonAsync(EmbedPath, body, SpiritProxyJsonContext.Default.OllamaEmbedRequest,
            SpiritProxyJsonContext.Default.OllamaEmbedResponse, cancellationToken).ConfigureAwait(false);
        OllamaChatResponseReader.ThrowIfError(answer, _service);
        string? modelId = answer.Model ?? body.Model;
        var ordered = EmbeddingAnswer.InInputOrder(answer.Embeddings, inputs.Count, body.Dimensions, _ => null,
            (vector, index) => new Embedding<float>(vector is { Length: > 0 } v ? v : throw Invalid($"Embedding {index} has no vector.")) { ModelId = modelId },
            Invalid);
        return new GeneratedEmbeddings<Embedding<float>>(ordered)
        {
            Usage = answer.PromptEvalCount is { } tokens ? new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens } : null,
        };
    }

    /// <inheritdoc />
    public void ThrowIfInvalid(IReadOnlyList<string> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"Input {i} is null; {_service.ServiceName} Ollama embeddings can only embed text.", "values");
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => ServiceLookup.Find(this, serviceType, serviceKey, _metadata, _service);

    /// <inheritdoc />
    public void Dispose() => _service.Dispose();

    private OllamaEmbedRequest Build(IReadOnlyList<string> inputs, EmbeddingGenerationOptions? options)
    {
        var body = new OllamaEmbedRequest
        {
            Model = options?.ModelId ?? _metadata.DefaultModelId!,
            Input = inputs,
            Dimensions = options?.Dimensions,
        };
        foreach (var (name, value) in options?.AdditionalProperties ?? [])
        {
            switch (name)
            {
                case Truncate:
                    body.Truncate = value as bool? ?? throw new ArgumentException($"AdditionalProperties['{Truncate}'] must be a bool; got {value?.GetType().Name ?? "null"}.", nameof(options));
                    break;
                case KeepAlive:
                    body.KeepAlive = AdditionalPropertiesJson.ToElement(value);
                    break;
                default:
                    (body.Options ??= new(StringComparer.Ordinal))[name] = AdditionalPropertiesJson.ToElement(value);
                    break;
            }
        }

        return body;
    }

    private InvalidResponseException Invalid(string problem) => new(_service.ServiceName, $"{_service.ServiceName} Ollama embeddings: {problem}");
}

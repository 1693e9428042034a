using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for any service that speaks OpenAI's embeddings API
/// (LiteLLM, vLLM, OVMS, Ray Serve). Service classes derive from it and supply defaults, auth and quirks.
/// Every answer is checked: one finite vector per input, indices complete, dimensions consistent.
/// </summary>
public class OpenAICompatibleEmbeddingGenerator : OpenAICompatibleEndpoint, IEmbeddingGenerator<string, Embedding<float>>, IEmbeddingInputValidator<string>
{
    private readonly EmbeddingEncoding? _encoding;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="service">The service client.</param>
    /// <param name="path">The embeddings path under the base URL, e.g. <c>v1/embeddings</c>.</param>
    /// <param name="defaultModelId">The model used when a call names none; <see langword="null"/> to send no model.</param>
    /// <param name="encoding">The <c>encoding_format</c> to ask for; <see langword="null"/> to leave the field out.</param>
    /// <param name="dimensions">The vector length the model produces, if known, for metadata.</param>
    public OpenAICompatibleEmbeddingGenerator(ServiceHttpClient service, string path, string? defaultModelId, EmbeddingEncoding? encoding, int? dimensions = null)
        : base(service, path)
    {
        _encoding = encoding;
        _metadata = new EmbeddingGeneratorMetadata(service.ServiceName, service.BaseAddress, defaultModelId, dimensions);
    }

    /// <inheritdoc />
    public virtual async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<string> ?? values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        ThrowIfInvalid(inputs, options);
        var body = new EmbeddingRequestBody
        {
            Model = options?.ModelId ?? _metadata.DefaultModelId,
            Input = inputs,
            EncodingFormat = _encoding switch
            {
                EmbeddingEncoding.Float => "float",
                EmbeddingEncoding.Base64 => "base64",
                _ => null,
            },
            Dimensions = options?.Dimensions,
        };
        body.Extra = AdditionalPropertiesJson.ToJson(options?.AdditionalProperties, body, OpenAIJsonContext.Default.EmbeddingRequestBody);

        var response = await Service.PostJsonAsync(Path, body, OpenAIJsonContext.Default.EmbeddingRequestBody,
            OpenAIJsonContext.Default.EmbeddingResponseBody, cancellationToken).ConfigureAwait(false);
        return ToEmbeddings(response, inputs.Count, body.Model, body.Dimensions);
    }

    /// <inheritdoc />
    public void ThrowIfInvalid(IReadOnlyList<string> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"Input {i} is null; {Service.ServiceName} can only embed text.", "values");
            }
        }
    }

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, _metadata, Service);

    private GeneratedEmbeddings<Embedding<float>> ToEmbeddings(EmbeddingResponseBody response, int expected, string? requestedModel, int? requestedDimensions)
    {
        string? modelId = response.Model ?? requestedModel;
        var ordered = EmbeddingAnswer.InInputOrder(
            response.Data, expected, requestedDimensions, item => item.Index,
            (item, index) => new Embedding<float>(item.Embedding is { Length: > 0 } v ? v : throw Invalid($"Embedding {index} has no vector.")) { ModelId = modelId },
            Invalid);
        return new GeneratedEmbeddings<Embedding<float>>(ordered) { Usage = response.Usage?.ToUsageDetails() };
    }

    private InvalidResponseException Invalid(string problem) => new(Service.ServiceName, $"{Service.ServiceName} embeddings: {problem}");
}

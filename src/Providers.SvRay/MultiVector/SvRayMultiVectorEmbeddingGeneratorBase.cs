using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// The shared part of the SV Ray multi-vector generators: the request (<c>model</c>, <c>input</c>, pass-through
/// <c>AdditionalProperties</c>), and an answer checked to hold one finite <c>[tokens][dim]</c> matrix per input,
/// indices complete, dimensions consistent.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
public abstract class SvRayMultiVectorEmbeddingGeneratorBase<TInput> : IEmbeddingGenerator<TInput, MultiVectorEmbedding>, IEmbeddingInputValidator<TInput>
{
    private readonly ServiceHttpClient _service;
    private readonly string _path;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private protected SvRayMultiVectorEmbeddingGeneratorBase(ServiceHttpClient service, string path, string defaultModelId, int? dimensions)
    {
        _service = service;
        _path = path;
        _metadata = new EmbeddingGeneratorMetadata(service.ServiceName, service.BaseAddress, defaultModelId, dimensions);
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<TInput> ?? values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        // Inputs and options are checked before the inputs are prepared, which may mean downloading images.
        ThrowIfInvalid(inputs, options);
        bool? isQuery = GetIsQuery(options?.AdditionalProperties);
        var body = new MultiVectorRequestBody { Model = options?.ModelId ?? _metadata.DefaultModelId!, Input = [], IsQuery = isQuery };
        ReadOnlySpan<string> consumed = isQuery is null ? [] : [MultiVectorRequestBody.IsQueryField];
        body.Extra = AdditionalPropertiesJson.ToJson(options?.AdditionalProperties, body, SvRayJsonContext.Default.MultiVectorRequestBody, consumed);
        body.Input = await ToWireInputsAsync(inputs, cancellationToken).ConfigureAwait(false);

        var response = await _service.PostJsonAsync(_path, body, SvRayJsonContext.Default.MultiVectorRequestBody,
            SvRayJsonContext.Default.MultiVectorResponseBody, cancellationToken).ConfigureAwait(false);
        return ToEmbeddings(response, inputs.Count, body.Model, options?.Dimensions);
    }

    /// <inheritdoc />
    /// <remarks>Checks each input, and the call's <c>is_query</c> property where the generator reads one; fetches nothing.</remarks>
    public void ThrowIfInvalid(IReadOnlyList<TInput> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            ThrowIfInvalidInput(inputs[i], i);
        }

        GetIsQuery(options?.AdditionalProperties);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => ServiceLookup.Find(this, serviceType, serviceKey, _metadata, _service);

    /// <summary>Releases the service client, which disposes its <see cref="HttpClient"/> only if this instance created it.</summary>
    public void Dispose() => _service.Dispose();

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="index"/> when the input cannot be embedded.</summary>
    private protected abstract void ThrowIfInvalidInput(TInput input, int index);

    /// <summary>Turns the inputs into the strings of the request's <c>input</c> list, in order.</summary>
    private protected abstract Task<IReadOnlyList<string>> ToWireInputsAsync(IReadOnlyList<TInput> inputs, CancellationToken cancellationToken);

    /// <summary>Gets the <c>is_query</c> to send, from the settings and the call's properties; <see langword="null"/> sends none.</summary>
    private protected virtual bool? GetIsQuery(AdditionalPropertiesDictionary? additionalProperties) => null;

    private GeneratedEmbeddings<MultiVectorEmbedding> ToEmbeddings(MultiVectorResponseBody response, int expected, string requestedModel, int? requestedDimensions)
    {
        string modelId = response.Model ?? requestedModel;
        var ordered = EmbeddingAnswer.InInputOrder(
            response.Data, expected, requestedDimensions, item => item.Index,
            (item, index) =>
            {
                var embedding = ToEmbedding(item.Embedding, index);
                embedding.ModelId = modelId;
                return embedding;
            },
            Invalid);
        var usage = response.Usage is { } u ? new UsageDetails { InputTokenCount = u.PromptTokens, TotalTokenCount = u.TotalTokens } : null;
        return new GeneratedEmbeddings<MultiVectorEmbedding>(ordered) { Usage = usage };
    }

    private MultiVectorEmbedding ToEmbedding(List<float[]>? rows, int index)
    {
        if (rows is null || rows.Count == 0)
        {
            throw Invalid($"Embedding {index} has no vectors.");
        }

        int nullRow = rows.IndexOf(null!);
        if (nullRow >= 0)
        {
            throw Invalid($"Embedding {index}: vector {nullRow} is null.");
        }

        try
        {
            return MultiVectorEmbedding.FromRows(rows);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"Embedding {index}: {e.Message}");
        }
    }

    private InvalidResponseException Invalid(string problem) => new(_service.ServiceName, $"{_service.ServiceName} multi-vector embeddings: {problem}");
}

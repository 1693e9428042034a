using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// The shared part of the SV Ray multi-vector generators: the request (<c>model</c>, <c>input</c>, pass-through
/// <c>AdditionalProperties</c>), and an answer checked to hold one finite <c>[tokens][dim]</c> matrix per input,
/// indices complete, dimensions consistent.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
public abstract class SvRayMultiVectorEmbeddingGeneratorBase<TInput> : IEmbeddingGenerator<TInput, MultiVectorEmbedding>
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

        // Options are checked before the inputs are prepared, which may mean downloading images.
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
    public object? GetService(Type serviceType, object? serviceKey = null) => ServiceLookup.Find(this, serviceType, serviceKey, _metadata, _service);

    /// <summary>Releases the service client, which disposes its <see cref="HttpClient"/> only if this instance created it.</summary>
    public void Dispose() => _service.Dispose();

    /// <summary>Turns the inputs into the strings of the request's <c>input</c> list, in order.</summary>
    private protected abstract Task<IReadOnlyList<string>> ToWireInputsAsync(IReadOnlyList<TInput> inputs, CancellationToken cancellationToken);

    /// <summary>Gets the <c>is_query</c> to send, from the settings and the call's properties; <see langword="null"/> sends none.</summary>
    private protected virtual bool? GetIsQuery(AdditionalPropertiesDictionary? additionalProperties) => null;

    private GeneratedEmbeddings<MultiVectorEmbedding> ToEmbeddings(MultiVectorResponseBody response, int expected, string requestedModel, int? requestedDimensions)
    {
        var data = response.Data ?? throw Invalid("The answer has no 'data' array.");
        if (data.Count != expected)
        {
            throw Invalid($"The answer holds {data.Count} embeddings for {expected} inputs.");
        }

        var ordered = new MultiVectorEmbedding[expected];
        string modelId = response.Model ?? requestedModel;
        int dimensions = -1;
        for (int i = 0; i < data.Count; i++)
        {
            int index = data[i].Index ?? i;
            if ((uint)index >= (uint)expected || ordered[index] is not null)
            {
                throw Invalid($"The answer's indices are not one per input: index {index} is out of range or repeated.");
            }

            var embedding = ToEmbedding(data[i].Embedding, index);
            if (dimensions < 0)
            {
                // The endpoint cannot shorten vectors; a full-length answer must not pass for the length asked for.
                dimensions = requestedDimensions is { } asked && asked != embedding.Dimensions
                    ? throw Invalid($"Embedding {index} has {embedding.Dimensions}-dimensional vectors; {asked} were asked for, which the endpoint cannot do.")
                    : embedding.Dimensions;
            }
            else if (embedding.Dimensions != dimensions)
            {
                throw Invalid($"Embedding {index} has {embedding.Dimensions}-dimensional vectors; the others have {dimensions}.");
            }

            embedding.ModelId = modelId;
            ordered[index] = embedding;
        }

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

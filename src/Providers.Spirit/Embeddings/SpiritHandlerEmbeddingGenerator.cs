using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// An <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a Spirit-GPU handler endpoint: each batch becomes one
/// handler run, with the caller's mapping of the values to the handler's <c>input</c> and of its output to vectors.
/// Every answer is checked: one vector per value, all of one length, every number finite. Values are checked before
/// anything is sent (<see cref="SpiritHandlerEmbeddingOptions{TInput}.CheckInput"/>), also by batching middleware over
/// the caller's whole list through <see cref="IEmbeddingInputValidator{TInput}"/>.
/// </summary>
/// <typeparam name="TInput">The type of the values to embed, such as <see cref="string"/> or <see cref="DataContent"/>.</typeparam>
public sealed class SpiritHandlerEmbeddingGenerator<TInput> : IEmbeddingGenerator<TInput, Embedding<float>>, IEmbeddingInputValidator<TInput>
{
    private readonly SpiritJobClient _jobClient;
    private readonly SpiritHandlerEmbeddingOptions<TInput> _options;
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="jobClient">The client of the handler endpoint; not disposed by this instance.</param>
    /// <param name="options">The mappings and how to run the handler.</param>
    public SpiritHandlerEmbeddingGenerator(SpiritJobClient jobClient, SpiritHandlerEmbeddingOptions<TInput> options)
    {
        ArgumentNullException.ThrowIfNull(jobClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.CreateInput, "options.CreateInput");
        ArgumentNullException.ThrowIfNull(options.ReadEmbeddings, "options.ReadEmbeddings");
        if (options.Dimensions is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Dimensions, "options.Dimensions must be positive.");
        }

        _jobClient = jobClient;
        _options = options;
        _metadata = new EmbeddingGeneratorMetadata(SpiritJobClient.ServiceName, jobClient.Endpoint, options.ModelId, options.Dimensions);
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<TInput> ?? [.. values];
        if (inputs.Count == 0)
        {
            return [];
        }

        ThrowIfInvalid(inputs, options);
        var input = _options.CreateInput(inputs, options);
        var result = await SpiritHandlerRun.RunAsync(_jobClient, input, _options.Invocation, cancellationToken).ConfigureAwait(false);
        var vectors = SpiritHandlerRun.Read(result, _options.ReadEmbeddings, "embeddings");
        return ToEmbeddings(vectors, inputs.Count, options?.ModelId ?? _options.ModelId, options?.Dimensions ?? _options.Dimensions);
    }

    /// <inheritdoc />
    public void ThrowIfInvalid(IReadOnlyList<TInput> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            TInput value = inputs[i];
            if (value is null)
            {
                throw new ArgumentException($"Input {i} is null; {SpiritJobClient.ServiceName} embeddings need a value to send to the handler.", "values");
            }

            if (_options.CheckInput?.Invoke(value) is { } problem)
            {
                throw new ArgumentException($"Input {i} cannot be embedded by the {SpiritJobClient.ServiceName} handler: {problem}", "values");
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, _metadata, _jobClient, _jobClient.Http);

    /// <summary>Does nothing: the job client belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private static GeneratedEmbeddings<Embedding<float>> ToEmbeddings(IReadOnlyList<float[]>? vectors, int expected, string? modelId, int? dimensions)
    {
        if (vectors is null || vectors.Count != expected)
        {
            throw Invalid($"the handler's output holds {vectors?.Count ?? 0} vectors for {expected} inputs.");
        }

        var embeddings = new Embedding<float>[expected];
        int length = dimensions ?? vectors[0]?.Length ?? 0;
        for (int i = 0; i < expected; i++)
        {
            float[]? vector = vectors[i];
            if (vector is null || vector.Length == 0)
            {
                throw Invalid($"vector {i} is empty.");
            }

            if (vector.Length != length)
            {
                throw Invalid($"vector {i} has {vector.Length} dimensions; expected {length}.");
            }

            if (!TensorPrimitives.IsFiniteAll<float>(vector))
            {
                int at = Array.FindIndex(vector, v => !float.IsFinite(v));
                throw Invalid($"vector {i} holds a non-finite value ({vector[at]}) at dimension {at}.");
            }

            embeddings[i] = new Embedding<float>(vector) { ModelId = modelId };
        }

        return new GeneratedEmbeddings<Embedding<float>>(embeddings);
    }

    private static InvalidResponseException Invalid(string problem) =>
        new(SpiritJobClient.ServiceName, $"{SpiritJobClient.ServiceName} embeddings: {problem}");
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>
/// What the local page and query generators share: a <see cref="ColQwenOnnxModel"/> (shared, or owned and disposed),
/// metadata, the dimension check, and running the CPU-bound work off the caller's thread.
/// </summary>
/// <typeparam name="TInput">Page images or query strings.</typeparam>
public abstract class ColQwenOnnxEmbeddingGenerator<TInput> : IEmbeddingGenerator<TInput, MultiVectorEmbedding>, IEmbeddingInputValidator<TInput>
{
    /// <summary>The provider name in <see cref="Metadata"/>.</summary>
    public const string ProviderName = "colqwen-onnx";

    private readonly bool _ownsModel;

    private protected ColQwenOnnxEmbeddingGenerator(ColQwenOnnxModel model, bool ownsModel)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _ownsModel = ownsModel;
        Metadata = new EmbeddingGeneratorMetadata(
            ProviderName, new Uri(Path.GetFullPath(model.ModelDirectory)), model.ModelId, model.Dimensions);
    }

    /// <summary>Gets the provider name, the model folder as provider URI, the model id and the vector length.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    private protected ColQwenOnnxModel Model { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">An input is invalid (see the concrete generator), or other dimensions were requested.</exception>
    /// <exception cref="ColQwenModelException">The graph is missing, does not follow the contract, or fails.</exception>
    public async Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToArray();
        ThrowIfInvalid(inputs, options);
        if (inputs.Length == 0)
        {
            return [];
        }

        var embeddings = await EmbedAsync(inputs, cancellationToken).ConfigureAwait(false);
        long tokens = embeddings.Sum(embedding => (long)embedding.TokenCount);
        return new GeneratedEmbeddings<MultiVectorEmbedding>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    /// <inheritdoc />
    /// <remarks>Refuses other <see cref="EmbeddingGenerationOptions.Dimensions"/> than the model's, and each input it cannot embed; runs and fetches nothing.</remarks>
    public void ThrowIfInvalid(IReadOnlyList<TInput> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (options?.Dimensions is { } requested && requested != Model.Dimensions)
        {
            throw new ArgumentException(
                $"The model produces {Model.Dimensions}-dimensional vectors; {requested} were requested.", nameof(options));
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            ThrowIfInvalidInput(inputs[i], i);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => ServiceLookup.Find(this, serviceType, serviceKey, Metadata, Model);

    /// <summary>Disposes the model when this generator loaded it.</summary>
    public void Dispose()
    {
        if (_ownsModel)
        {
            Model.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="index"/> when the input cannot be embedded.</summary>
    private protected abstract void ThrowIfInvalidInput(TInput input, int index);

    /// <summary>Embeds the checked inputs, in order, the CPU-bound work off the caller's thread.</summary>
    private protected abstract Task<MultiVectorEmbedding[]> EmbedAsync(TInput[] inputs, CancellationToken cancellationToken);
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>
/// What the local page and query generators share: a <see cref="ColQwenOnnxModel"/> (shared, or owned and disposed),
/// metadata, the dimension check, and running the CPU-bound work off the caller's thread.
/// </summary>
/// <typeparam name="TInput">Page images or query strings.</typeparam>
public abstract class ColQwenOnnxEmbeddingGenerator<TInput> : IEmbeddingGenerator<TInput, MultiVectorEmbedding>
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
        if (options?.Dimensions is { } requested && requested != Model.Dimensions)
        {
            throw new ArgumentException(
                $"The model produces {Model.Dimensions}-dimensional vectors; {requested} were requested.", nameof(options));
        }

        var inputs = values.ToArray();
        if (inputs.Length == 0)
        {
            return [];
        }

        var embeddings = await Task.Run(() => Embed(inputs, cancellationToken), cancellationToken).ConfigureAwait(false);
        long tokens = embeddings.Sum(embedding => (long)embedding.TokenCount);
        return new GeneratedEmbeddings<MultiVectorEmbedding>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
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

    /// <summary>Validates the inputs and embeds them, in order; runs on a thread-pool thread.</summary>
    private protected abstract MultiVectorEmbedding[] Embed(TInput[] inputs, CancellationToken cancellationToken);
}

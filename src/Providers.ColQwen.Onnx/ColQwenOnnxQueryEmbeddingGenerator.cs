using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>
/// Embeds search queries with a local ColQwen2.5 on ONNX Runtime: one <see cref="MultiVectorEmbedding"/> per query,
/// padding rows dropped, ready for MaxSim scoring against the page embeddings.
/// </summary>
/// <remarks>
/// Each query is formatted as colpali formats it (<see cref="ColQwenOnnxOptions.QueryPrefix"/>, the text, then
/// <see cref="ColQwenOnnxOptions.QueryAugmentationTokens"/> × <c>&lt;|endoftext|&gt;</c>) and run through
/// <c>query.onnx</c>, queries of similar length batched together; the results keep the input order.
/// </remarks>
public sealed class ColQwenOnnxQueryEmbeddingGenerator : IEmbeddingGenerator<string, MultiVectorEmbedding>
{
    private readonly ColQwenOnnxModel _model;
    private readonly bool _ownsModel;

    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    public ColQwenOnnxQueryEmbeddingGenerator(ColQwenOnnxModel model)
        : this(model ?? throw new ArgumentNullException(nameof(model)), ownsModel: false)
    {
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model.</summary>
    /// <param name="options">Where the model lies and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the query graph runs on.</param>
    public ColQwenOnnxQueryEmbeddingGenerator(ColQwenOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : this(new ColQwenOnnxModel(options, loggerFactory?.CreateLogger<ColQwenOnnxModel>()), ownsModel: true)
    {
    }

    private ColQwenOnnxQueryEmbeddingGenerator(ColQwenOnnxModel model, bool ownsModel)
    {
        _model = model;
        _ownsModel = ownsModel;
        Metadata = ColQwenOnnxMetadata.Create(model);
    }

    /// <summary>Gets the provider name, the model folder as provider URI, the model id and the vector length.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    /// <exception cref="ColQwenModelException">The query graph is missing, does not follow the contract, or fails.</exception>
    public async Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ColQwenOnnxMetadata.CheckRequestedDimensions(options, _model.Dimensions);
        var queries = values.ToArray();
        int missing = Array.IndexOf(queries, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"Query {missing} is null.", nameof(values));
        }

        if (queries.Length == 0)
        {
            return [];
        }

        var embeddings = await Task.Run(() => _model.EmbedQueries(queries, cancellationToken), cancellationToken).ConfigureAwait(false);
        return ColQwenOnnxMetadata.ToGenerated(embeddings);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType == typeof(ColQwenOnnxModel) ? _model
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Disposes the model when this generator loaded it.</summary>
    public void Dispose()
    {
        if (_ownsModel)
        {
            _model.Dispose();
        }
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>
/// Embeds page images with a local ColQwen2.5 on ONNX Runtime: one <see cref="MultiVectorEmbedding"/> per page, its
/// image tokens located by <see cref="MultiVectorEmbedding.ImagePatches"/>, as the remote ColQwen service returns them.
/// </summary>
/// <remarks>
/// Pages are decoded (PNG, JPEG, WebP, ...), preprocessed exactly as Qwen2-VL's image processor does, batched by
/// patch grid and run through <c>document.onnx</c>. The whole input is checked before anything runs: a page that is
/// not an image, or whose size Qwen2-VL refuses, fails the call with a <see cref="PageImageException"/> naming it.
/// </remarks>
public sealed class ColQwenOnnxPageEmbeddingGenerator : IEmbeddingGenerator<DataContent, MultiVectorEmbedding>
{
    private readonly ColQwenOnnxModel _model;
    private readonly bool _ownsModel;

    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    public ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxModel model)
        : this(model ?? throw new ArgumentNullException(nameof(model)), ownsModel: false)
    {
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model.</summary>
    /// <param name="options">Where the model lies and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the page graph runs on.</param>
    public ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : this(new ColQwenOnnxModel(options, loggerFactory?.CreateLogger<ColQwenOnnxModel>()), ownsModel: true)
    {
    }

    private ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxModel model, bool ownsModel)
    {
        _model = model;
        _ownsModel = ownsModel;
        Metadata = ColQwenOnnxMetadata.Create(model);
    }

    /// <summary>Gets the provider name, the model folder as provider URI, the model id and the vector length.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    /// <exception cref="PageImageException">A page is not an image, or its size is refused.</exception>
    /// <exception cref="ColQwenModelException">The page graph is missing, does not follow the contract, or fails.</exception>
    public async Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<DataContent> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ColQwenOnnxMetadata.CheckRequestedDimensions(options, _model.Dimensions);
        var pages = new List<ReadOnlyMemory<byte>>();
        foreach (var content in values)
        {
            if (content is null)
            {
                throw new PageImageException(pages.Count, "the page is null");
            }

            if (!content.HasTopLevelMediaType("image"))
            {
                throw new PageImageException(pages.Count, $"the content has media type '{content.MediaType}'; only images can be embedded");
            }

            pages.Add(content.Data);
        }

        if (pages.Count == 0)
        {
            return [];
        }

        var embeddings = await Task.Run(() => _model.EmbedPages(pages, cancellationToken), cancellationToken).ConfigureAwait(false);
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

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
/// patch grid and run through <c>vision.onnx</c>, <c>embed.onnx</c> and <c>decoder.onnx</c>. The whole input is checked before anything runs: a page that is
/// not an image, or whose size Qwen2-VL refuses, fails the call with a <see cref="PageImageException"/> naming it.
/// </remarks>
public sealed class ColQwenOnnxPageEmbeddingGenerator : ColQwenOnnxEmbeddingGenerator<DataContent>
{
    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    public ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxModel model)
        : base(model, ownsModel: false)
    {
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model (a query generator over the same options would load the decoder again: share one model instead).</summary>
    /// <param name="options">Where the model lies and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the page graph runs on.</param>
    public ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : base(new ColQwenOnnxModel(options, loggerFactory?.CreateLogger<ColQwenOnnxModel>()), ownsModel: true)
    {
    }

    /// <exception cref="PageImageException">A page is null, not an image, or of a size Qwen2-VL refuses.</exception>
    private protected override MultiVectorEmbedding[] Embed(DataContent[] inputs, CancellationToken cancellationToken)
    {
        var pages = new ReadOnlyMemory<byte>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            pages[i] = inputs[i] switch
            {
                null => throw new PageImageException(i, "the page is null"),
                var content when !content.HasTopLevelMediaType("image") =>
                    throw new PageImageException(i, $"the content has media type '{content.MediaType}'; only images can be embedded"),
                var content => content.Data,
            };
        }

        return Model.EmbedPages(pages, cancellationToken);
    }
}

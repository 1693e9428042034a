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
/// patch grid and run through <c>vision.onnx</c>, <c>embed.onnx</c> and <c>decoder.onnx</c>. Pages come as every page
/// generator takes them (<see cref="ImageInputLoader"/>): a <see cref="DataContent"/>, or a <see cref="UriContent"/>
/// data:, file: or http(s) address fetched within <see cref="ColQwenOnnxOptions.ImageDownload"/>'s limits. The whole
/// input is checked before anything runs: a page that is not an image, or whose size Qwen2-VL refuses, fails the call
/// with a <see cref="PageImageException"/> naming it; an address that cannot be fetched, with an <see cref="ImageLoadException"/>.
/// </remarks>
public sealed class ColQwenOnnxPageEmbeddingGenerator : ColQwenOnnxEmbeddingGenerator<AIContent>
{
    private readonly ImageInputLoader _images;

    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="httpClient">Downloads pages given by http(s) address (not disposed); a shared pooled client when <see langword="null"/>.</param>
    public ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxModel model, HttpClient? httpClient = null)
        : base(model, ownsModel: false)
    {
        _images = new ImageInputLoader(ProviderName, model.ImageDownload, httpClient);
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model (a query generator over the same options would load the decoder again: share one model instead).</summary>
    /// <param name="options">Where the model lies and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the page graph runs on.</param>
    public ColQwenOnnxPageEmbeddingGenerator(ColQwenOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : base(new ColQwenOnnxModel(options, loggerFactory?.CreateLogger<ColQwenOnnxModel>()), ownsModel: true)
    {
        _images = new ImageInputLoader(ProviderName, Model.ImageDownload);
    }

    /// <exception cref="PageImageException">A page is null, not an image, or given by an address this generator does not fetch.</exception>
    private protected override void ThrowIfInvalidInput(AIContent input, int index)
    {
        switch (input)
        {
            case null:
                throw new PageImageException(index, "the page is null");
            case DataContent content when !content.HasTopLevelMediaType("image"):
                throw new PageImageException(index, $"the content has media type '{content.MediaType}'; only images can be embedded");
        }

        try
        {
            ImageInputLoader.ThrowIfInvalid(input, index);
        }
        catch (ArgumentException e)
        {
            throw new PageImageException(index, e.Message, e);
        }
    }

    /// <exception cref="PageImageException">A page does not decode, or is of a size Qwen2-VL refuses.</exception>
    /// <exception cref="ImageLoadException">A page given by address could not be fetched.</exception>
    private protected override async Task<MultiVectorEmbedding[]> EmbedAsync(AIContent[] inputs, CancellationToken cancellationToken)
    {
        var pages = await _images.LoadAsync(inputs, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Model.EmbedPages([.. pages.Select(page => page.Data)], cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>
/// Embeds page images with the ColQwen2.5 service (<c>POST /embed/images</c>), one <see cref="MultiVectorEmbedding"/>
/// per image, padding removed, with <see cref="MultiVectorEmbedding.ImagePatches"/> mapping image tokens to patches.
/// </summary>
/// <remarks>
/// Inputs are page images as every page generator takes them (<see cref="ImageInputLoader"/>): a <see cref="DataContent"/>
/// of PNG, JPEG, WebP, GIF or BMP bytes, or a <see cref="UriContent"/> data:, file: or http(s) address, which this
/// client fetches within <see cref="ColQwenImageEmbeddingOptions.ImageDownload"/>'s limits. Anything else is refused,
/// naming the input, before a request is sent. The service has no batch limit and a large batch can run out of GPU memory, so put this generator behind
/// <c>UseColQwenBatching</c> (<see cref="ColQwenBuilderExtensions"/>)
/// (the dependency-injection registration does).
/// </remarks>
public sealed class ColQwenImageEmbeddingGenerator : ColQwenEmbeddingGenerator<AIContent>
{
    private readonly ImageInputLoader _images;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenImageEmbeddingGenerator(HttpClient httpClient, ColQwenImageEmbeddingOptions options)
        : base(new ColQwenClient(httpClient, options))
    {
        _images = new ImageInputLoader(ColQwenClient.ServiceName, options.ImageDownload, httpClient);
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenImageEmbeddingGenerator(ColQwenImageEmbeddingOptions options)
        : base(new ColQwenClient(options))
    {
        _images = new ImageInputLoader(ColQwenClient.ServiceName, options.ImageDownload);
    }

    private protected override void ThrowIfInvalidInput(AIContent input, int index) => ImageInputLoader.ThrowIfInvalid(input, index);

    private protected override async Task<IReadOnlyList<MultiVectorEmbedding>> EmbedAsync(IReadOnlyList<AIContent> inputs, CancellationToken cancellationToken) =>
        await Client.EmbedImagesAsync(await _images.LoadAsync(inputs, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>
/// Embeds page images with the ColQwen2.5 service (<c>POST /embed/images</c>), one <see cref="MultiVectorEmbedding"/>
/// per image, padding removed, with <see cref="MultiVectorEmbedding.ImagePatches"/> mapping image tokens to patches.
/// </summary>
/// <remarks>
/// Inputs must be PNG, JPEG, WebP, GIF or BMP bytes; anything else is refused, naming the input, before a request is
/// sent. The service has no batch limit and a large batch can run out of GPU memory, so put this generator behind
/// <c>UseColQwenBatching</c> (<see cref="ColQwenBuilderExtensions"/>)
/// (the dependency-injection registration does).
/// </remarks>
public sealed class ColQwenImageEmbeddingGenerator : ColQwenEmbeddingGenerator<DataContent>
{
    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenImageEmbeddingGenerator(HttpClient httpClient, ColQwenOptions options)
        : base(new ColQwenClient(httpClient, options))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenImageEmbeddingGenerator(ColQwenOptions options)
        : base(new ColQwenClient(options))
    {
    }

    private protected override Task<IReadOnlyList<MultiVectorEmbedding>> EmbedAsync(IReadOnlyList<DataContent> inputs, CancellationToken cancellationToken) =>
        Client.EmbedImagesAsync(inputs, cancellationToken);
}

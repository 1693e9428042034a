using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// Embeds page images patch by patch with the SV Ray cluster's ColPali-style deployment
/// (<c>POST /embed-image/v1/multivector-embeddings</c>, newer clusters), by default <c>vidore/colpali-v1.3</c>.
/// </summary>
/// <remarks>
/// Inputs are page images as <see cref="ImageInputLoader"/> takes them (<see cref="DataContent"/>, or a
/// <see cref="UriContent"/> data:, file: or http(s) address fetched by this client), as every page generator takes them;
/// anything else is refused, naming the input, before a request is sent. The deployment takes at most 8 images per
/// request: put the generator behind <c>UseSvRayBatching()</c> (the dependency-injection registration does).
/// </remarks>
public sealed class SvRayImageMultiVectorEmbeddingGenerator : SvRayMultiVectorEmbeddingGeneratorBase<AIContent>
{
    private const string Path = "embed-image/v1/multivector-embeddings";

    private readonly ImageInputLoader _images;

    /// <summary>Initializes a new instance that sends (and downloads) through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayImageMultiVectorEmbeddingGenerator(HttpClient httpClient, SvRayImageMultiVectorEmbeddingOptions options)
        : this(options, SvRayEmbeddingService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayImageMultiVectorEmbeddingGenerator(SvRayImageMultiVectorEmbeddingOptions options)
        : this(options, SvRayEmbeddingService.Create(options, httpClient: null))
    {
    }

    private SvRayImageMultiVectorEmbeddingGenerator(SvRayImageMultiVectorEmbeddingOptions options, (ServiceHttpClient Service, HttpClient Http) client)
        : base(client.Service, Path, options.ModelId, options.ModelId == SvRayImageMultiVectorEmbeddingOptions.DefaultModelId ? 128 : null)
    {
        _images = new ImageInputLoader(SvRayEmbeddingService.Name, options.ImageDownload, client.Http);
    }

    private protected override void ThrowIfInvalidInput(AIContent input, int index) => ImageInputLoader.ThrowIfInvalid(input, index);

    private protected override async Task<IReadOnlyList<string>> ToWireInputsAsync(IReadOnlyList<AIContent> inputs, CancellationToken cancellationToken) =>
        [.. (await _images.LoadAsync(inputs, cancellationToken).ConfigureAwait(false)).Select(image => Convert.ToBase64String(image.Data.Span))];
}

using System.Drawing;
using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>
/// A client of the ColQwen2.5 FastAPI service (<c>vidore/colqwen2.5-v0.2</c>): query and page-image embeddings,
/// patch counts, service info and health. Embeddings come back without the batch's zero padding rows.
/// </summary>
/// <remarks>
/// For Microsoft.Extensions.AI pipelines use <see cref="ColQwenQueryEmbeddingGenerator"/> and
/// <see cref="ColQwenImageEmbeddingGenerator"/>, which wrap this client. The service has no batch limit: a large
/// image batch can exhaust GPU memory (HTTP 500), so send pages in small batches.
/// </remarks>
public sealed class ColQwenClient : IDisposable
{
    /// <summary>The service name used in errors and telemetry.</summary>
    public const string ServiceName = "ColQwen";

    /// <summary>The model the service runs.</summary>
    public const string ModelId = "vidore/colqwen2.5-v0.2";

    /// <summary>The length of each token vector.</summary>
    public const int Dimensions = 128;

    private readonly ServiceHttpClient _service;

    // Older services take one {width,height} per /patches request; once one has refused the batch form, skip it.
    private volatile bool _singleItemPatches;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> (for example from <c>IHttpClientFactory</c>) and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenClient(HttpClient httpClient, ColQwenOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenClient(ColQwenOptions options)
        : this(options, httpClient: null)
    {
    }

    private ColQwenClient(ColQwenOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        _service = options.CreateServiceClient(ServiceName, httpClient);
    }

    /// <summary>Gets the service's base URL.</summary>
    public Uri BaseAddress => _service.BaseAddress;

    /// <summary>Embeds search queries (<c>POST /embed/queries</c>): one multi-vector embedding per query, in order.</summary>
    /// <param name="queries">The queries; none may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The embeddings, padding removed.</returns>
    /// <exception cref="ArgumentException">A query is <see langword="null"/>; nothing was sent.</exception>
    /// <exception cref="ProviderException">The service failed or answered something unusable.</exception>
    public async Task<IReadOnlyList<MultiVectorEmbedding>> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (queries.Count == 0)
        {
            return [];
        }

        for (int i = 0; i < queries.Count; i++)
        {
            if (queries[i] is null)
            {
                throw new ArgumentException($"Query {i} is null.", nameof(queries));
            }
        }

        var response = await _service.PostJsonAsync("embed/queries", new QueriesRequest { Queries = queries },
            ColQwenJsonContext.Default.QueriesRequest, ColQwenJsonContext.Default.QueryEmbeddingsResponse, cancellationToken).ConfigureAwait(false);
        return ColQwenEmbeddingReader.ReadQueries(response, queries.Count);
    }

    /// <summary>
    /// Embeds page images (<c>POST /embed/images</c>, multipart field <c>files</c>): one multi-vector embedding per
    /// image, in order, with <see cref="MultiVectorEmbedding.ImagePatches"/> saying which vectors are image tokens and
    /// which patch of the image each covers.
    /// </summary>
    /// <param name="images">PNG, JPEG, WebP, GIF or BMP images.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The embeddings, padding removed.</returns>
    /// <exception cref="ArgumentException">An image is not a readable PNG, JPEG, WebP, GIF or BMP, or has an aspect ratio above 200; nothing was sent.</exception>
    /// <exception cref="ProviderException">The service failed or answered something unusable.</exception>
    public async Task<IReadOnlyList<MultiVectorEmbedding>> EmbedImagesAsync(IReadOnlyList<DataContent> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            return [];
        }

        var (form, grids) = ColQwenImageUpload.Create(images, nameof(images));
        using var request = new HttpRequestMessage(HttpMethod.Post, _service.Resolve("embed/images")) { Content = form };
        var response = await _service.SendForJsonAsync(request, ColQwenJsonContext.Default.ImageEmbeddingsResponse, cancellationToken).ConfigureAwait(false);
        return ColQwenEmbeddingReader.ReadImages(response, grids);
    }

    /// <summary>Asks the service how many merged patches it makes of images of the given sizes (<c>POST /patches</c>).</summary>
    /// <param name="sizes">The image sizes in pixels.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One grid per size, in order.</returns>
    /// <exception cref="ArgumentException">A size is not positive or has an aspect ratio above 200; nothing was sent.</exception>
    /// <exception cref="ProviderException">The service failed, or refused an item (<see cref="ProviderException.FailedInputs"/> names the first).</exception>
    /// <remarks><see cref="ColQwenPatchCalculator"/> computes the same numbers locally.</remarks>
    public async Task<IReadOnlyList<ColQwenPatchGrid>> GetPatchesAsync(IEnumerable<Size> sizes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var list = sizes.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            // The service fails the whole request with a bare 500 for a bad item, so refuse bad sizes here.
            try
            {
                ColQwenPatchCalculator.SmartResize(list[i].Width, list[i].Height);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Size {i} ({list[i].Width}x{list[i].Height}) cannot be patched: {e.Message}", nameof(sizes), e);
            }
        }

        if (list.Count == 0)
        {
            return [];
        }

        if (!_singleItemPatches)
        {
            try
            {
                var request = new PatchesRequest { Dimensions = [.. list.Select(s => new ImageDimensions { Width = s.Width, Height = s.Height })] };
                var response = await _service.PostJsonAsync("patches", request, ColQwenJsonContext.Default.PatchesRequest,
                    ColQwenJsonContext.Default.PatchesResponse, cancellationToken).ConfigureAwait(false);
                return ColQwenPatchReader.Read(response, list);
            }
            catch (ProviderException e) when (e.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                var grids = await TryGetPatchesOneByOneAsync(list, cancellationToken).ConfigureAwait(false);
                if (grids is null)
                {
                    throw;
                }

                _singleItemPatches = true;
                return grids;
            }
        }

        return await TryGetPatchesOneByOneAsync(list, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderException(ServiceName, $"{ServiceName} refused the single-size form of /patches it accepted before.");
    }

    /// <summary>Asks the service how many merged patches it makes of one image size (<c>POST /patches</c>).</summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The patch grid.</returns>
    public async Task<ColQwenPatchGrid> GetPatchesAsync(int width, int height, CancellationToken cancellationToken = default) =>
        (await GetPatchesAsync([new Size(width, height)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Reads the model and runtime details (<c>GET /info</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ColQwenServiceInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        _service.GetJsonAsync("info", ColQwenJsonContext.Default.ColQwenServiceInfo, cancellationToken);

    /// <summary>Reads the service's health (<c>GET /health</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ColQwenHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        _service.GetJsonAsync("health", ColQwenJsonContext.Default.ColQwenHealth, cancellationToken);

    /// <summary>Reads the API's name and version (<c>GET /</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ColQwenServiceDescription> GetServiceDescriptionAsync(CancellationToken cancellationToken = default) =>
        _service.GetJsonAsync(string.Empty, ColQwenJsonContext.Default.ColQwenServiceDescription, cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> if this instance created it.</summary>
    public void Dispose() => _service.Dispose();

    /// <summary>Gets the service client the generators expose through <c>GetService</c>.</summary>
    internal ServiceHttpClient Service => _service;

    private async Task<IReadOnlyList<ColQwenPatchGrid>?> TryGetPatchesOneByOneAsync(List<Size> sizes, CancellationToken cancellationToken)
    {
        var grids = new ColQwenPatchGrid[sizes.Count];
        for (int i = 0; i < sizes.Count; i++)
        {
            PatchesResponse response;
            try
            {
                response = await _service.PostJsonAsync("patches", new ImageDimensions { Width = sizes[i].Width, Height = sizes[i].Height },
                    ColQwenJsonContext.Default.ImageDimensions, ColQwenJsonContext.Default.PatchesResponse, cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderException e) when (i == 0 && e.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                return null;
            }

            grids[i] = ColQwenPatchReader.Read(response, [sizes[i]])[0];
        }

        return grids;
    }
}

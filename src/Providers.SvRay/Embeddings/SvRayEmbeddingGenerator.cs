using Providers.Core.OpenAI;

namespace Providers.SvRay;

/// <summary>
/// Embeds text with the SV Ray cluster's text deployment (<c>POST /embed-text/v1/embeddings</c>), by default
/// <c>sentence-transformers/all-MiniLM-L6-v2</c>. Put it behind <c>UseSvRayBatching()</c> (the
/// dependency-injection registration does) to send 50 inputs per request as the reference client does.
/// </summary>
public sealed class SvRayEmbeddingGenerator : OpenAICompatibleEmbeddingGenerator
{
    private const string Path = "embed-text/v1/embeddings";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayEmbeddingGenerator(HttpClient httpClient, SvRayEmbeddingOptions options)
        : base(SvRayEmbeddingService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))).Service, Path, options.ModelId, encoding: null, Dimensions(options))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayEmbeddingGenerator(SvRayEmbeddingOptions options)
        : base(SvRayEmbeddingService.Create(options, httpClient: null).Service, Path, options.ModelId, encoding: null, Dimensions(options))
    {
    }

    private static int? Dimensions(SvRayEmbeddingOptions options) => options.ModelId == SvRayEmbeddingOptions.DefaultModelId ? 384 : null;
}

using Providers.Core;

namespace Providers.ColQwen;

/// <summary>
/// Embeds search queries with the ColQwen2.5 service (<c>POST /embed/queries</c>), one
/// <see cref="MultiVectorEmbedding"/> per query, padding removed, for late-interaction (MaxSim) search over pages
/// embedded by <see cref="ColQwenImageEmbeddingGenerator"/>.
/// </summary>
public sealed class ColQwenQueryEmbeddingGenerator : ColQwenEmbeddingGenerator<string>
{
    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenQueryEmbeddingGenerator(HttpClient httpClient, ColQwenOptions options)
        : base(new ColQwenClient(httpClient, options))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">Where the service is.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names each problem.</exception>
    public ColQwenQueryEmbeddingGenerator(ColQwenOptions options)
        : base(new ColQwenClient(options))
    {
    }

    private protected override void ThrowIfInvalidInput(string input, int index)
    {
        if (input is null)
        {
            throw new ArgumentException($"Query {index} is null.", "values");
        }
    }

    private protected override Task<IReadOnlyList<MultiVectorEmbedding>> EmbedAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken) =>
        Client.EmbedQueriesAsync(inputs, cancellationToken);
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SvRay;

/// <summary>
/// Embeds texts token by token with the SV Ray cluster's ColBERT deployment
/// (<c>POST /embed-text/v1/multivector-embeddings</c>, newer clusters), by default
/// <c>lightonai/GTE-ModernColBERT-v1</c>, for late-interaction (MaxSim) search.
/// </summary>
/// <remarks>
/// Queries and documents are embedded differently (<c>is_query</c>): the generator sends
/// <see cref="SvRayMultiVectorEmbeddingOptions.IsQuery"/>, or the call's <c>AdditionalProperties["is_query"]</c>
/// (a <see cref="bool"/>) when set. Register two keyed generators, or pass the property per call, to embed both.
/// </remarks>
public sealed class SvRayMultiVectorEmbeddingGenerator : SvRayMultiVectorEmbeddingGeneratorBase<string>
{
    /// <summary>The <c>AdditionalProperties</c> key that overrides <see cref="SvRayMultiVectorEmbeddingOptions.IsQuery"/> for one call.</summary>
    public const string IsQueryProperty = MultiVectorRequestBody.IsQueryField;

    private const string Path = "embed-text/v1/multivector-embeddings";

    private readonly bool _isQuery;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayMultiVectorEmbeddingGenerator(HttpClient httpClient, SvRayMultiVectorEmbeddingOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayMultiVectorEmbeddingGenerator(SvRayMultiVectorEmbeddingOptions options)
        : this(options, httpClient: null)
    {
    }

    private SvRayMultiVectorEmbeddingGenerator(SvRayMultiVectorEmbeddingOptions options, HttpClient? httpClient)
        : base(SvRayEmbeddingService.Create(options, httpClient).Service, Path, options.ModelId, options.ModelId == SvRayMultiVectorEmbeddingOptions.DefaultModelId ? 128 : null)
    {
        _isQuery = options.IsQuery;
    }

    private protected override void ThrowIfInvalidInput(string input, int index)
    {
        if (input is null)
        {
            throw new ArgumentException($"Input {index} is null.", "values");
        }
    }

    private protected override Task<IReadOnlyList<string>> ToWireInputsAsync(IReadOnlyList<string> inputs, CancellationToken cancellationToken) =>
        Task.FromResult(inputs);

    private protected override bool? GetIsQuery(AdditionalPropertiesDictionary? additionalProperties)
    {
        if (additionalProperties is null || !additionalProperties.ContainsKey(IsQueryProperty))
        {
            return _isQuery;
        }

        return additionalProperties.TryGetValue(IsQueryProperty, out bool isQuery)
            ? isQuery
            : throw new ArgumentException($"AdditionalProperties['{IsQueryProperty}'] must be a bool; got '{additionalProperties[IsQueryProperty]}'.");
    }
}

using Providers.Core;
using Providers.Core.OpenAI;

namespace Providers.Ovms;

/// <summary>Settings of an OpenVINO Model Server: where it is, its optional API key, and which graphs to use.</summary>
/// <remarks>Bound from configuration (section <c>Providers:Ovms</c> by default); key names are the property names.</remarks>
public sealed class OvmsOptions : ServiceClientOptions
{
    /// <summary>The embedding graph of the OVMS embeddings demo: <c>Alibaba-NLP/gte-large-en-v1.5</c>.</summary>
    public const string DefaultEmbeddingModelId = "Alibaba-NLP/gte-large-en-v1.5";

    /// <summary>Gets or sets the API key (<c>Bearer</c>), for a server started with <c>--api_key_file</c>; none by default.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the embedding graph used when a request names none. Default <see cref="DefaultEmbeddingModelId"/>.</summary>
    public string EmbeddingModelId { get; set; } = DefaultEmbeddingModelId;

    /// <summary>Gets or sets how vectors travel. Default <see cref="EmbeddingEncoding.Base64"/>, which OVMS supports and which is much faster to read.</summary>
    public EmbeddingEncoding EmbeddingEncoding { get; set; } = EmbeddingEncoding.Base64;

    /// <summary>Gets or sets the rerank graph used when a rerank call names none, e.g. <c>BAAI/bge-reranker-large</c>.</summary>
    public string? RerankModelId { get; set; }

    /// <inheritdoc />
    /// <remarks>The service's docs give its base URL with <c>/v3</c> (OpenAI clients use it); with or without it, requests go to <c>/v3/...</c> (and <c>/v1/config</c>, <c>/v2/health</c>).</remarks>
    protected override string? VersionSegment => "v3";

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(EmbeddingModelId))
        {
            yield return "OvmsOptions.EmbeddingModelId must not be empty.";
        }

        if (!Enum.IsDefined(EmbeddingEncoding))
        {
            yield return $"OvmsOptions.EmbeddingEncoding must be Float or Base64; got {EmbeddingEncoding}.";
        }
    }
}

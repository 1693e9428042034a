using Providers.Core;
using Providers.Core.OpenAI;

namespace Providers.SciBox;

/// <summary>Settings of the SciBox LLM service (a LiteLLM proxy): where it is, the token, and which models to use.</summary>
/// <remarks>Bound from configuration (section <c>Providers:SciBox</c> by default); key names are the property names.</remarks>
public sealed class SciBoxOptions : ServiceClientOptions
{
    /// <summary>The chat model the service documents: <c>Qwen2.5-72B-Instruct-AWQ</c>.</summary>
    public const string DefaultChatModelId = "Qwen2.5-72B-Instruct-AWQ";

    /// <summary>The embedding model the service documents: <c>bge-m3</c> (1024 dimensions).</summary>
    public const string DefaultEmbeddingModelId = "bge-m3";

    /// <summary>The service's public address.</summary>
    public static readonly Uri DefaultEndpoint = new("https://llm.t1v.scibox.tech/");

    /// <summary>Initializes a new instance pointing at <see cref="DefaultEndpoint"/>.</summary>
    public SciBoxOptions()
    {
        Endpoint = DefaultEndpoint;
    }

    /// <summary>Gets or sets the bearer token. Required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the chat model used when a request names none. Default <see cref="DefaultChatModelId"/>.</summary>
    public string ChatModelId { get; set; } = DefaultChatModelId;

    /// <summary>Gets or sets the embedding model used when a request names none. Default <see cref="DefaultEmbeddingModelId"/>.</summary>
    public string EmbeddingModelId { get; set; } = DefaultEmbeddingModelId;

    /// <summary>
    /// Gets or sets how vectors travel. Default <see cref="EmbeddingEncoding.Float"/>, which every backend supports;
    /// <see cref="EmbeddingEncoding.Base64"/> is faster where the backend supports it (others answer 400).
    /// </summary>
    public EmbeddingEncoding EmbeddingEncoding { get; set; } = EmbeddingEncoding.Float;

    /// <inheritdoc />
    /// <remarks>The service's docs give its base URL with <c>/v1</c>; with or without it, requests go to <c>/v1/...</c>.</remarks>
    protected override string? VersionSegment => "v1";

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return "SciBoxOptions.ApiKey is required: set it to your SciBox token.";
        }

        if (string.IsNullOrWhiteSpace(ChatModelId))
        {
            yield return "SciBoxOptions.ChatModelId must not be empty.";
        }

        if (string.IsNullOrWhiteSpace(EmbeddingModelId))
        {
            yield return "SciBoxOptions.EmbeddingModelId must not be empty.";
        }

        if (!Enum.IsDefined(EmbeddingEncoding))
        {
            yield return $"SciBoxOptions.EmbeddingEncoding must be Float or Base64; got {EmbeddingEncoding}.";
        }
    }
}

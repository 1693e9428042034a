using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Core.OpenAI;

/// <summary>The body of an OpenAI-style <c>POST /embeddings</c>.</summary>
internal sealed class EmbeddingRequestBody
{
    [JsonPropertyName("model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; set; }

    [JsonPropertyName("input")]
    public required IReadOnlyList<string> Input { get; set; }

    [JsonPropertyName("encoding_format")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EncodingFormat { get; set; }

    [JsonPropertyName("dimensions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Dimensions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The answer to an OpenAI-style <c>POST /embeddings</c>; OVMS leaves out <c>model</c>.</summary>
internal sealed class EmbeddingResponseBody
{
    [JsonPropertyName("data")]
    public List<EmbeddingItem>? Data { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }
}

internal sealed class EmbeddingItem
{
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    [JsonPropertyName("embedding")]
    [JsonConverter(typeof(EmbeddingVectorJsonConverter))]
    public float[]? Embedding { get; set; }
}

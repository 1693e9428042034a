using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.SvRay;

/// <summary>The body of <c>POST /embed-text|embed-image/v1/multivector-embeddings</c>.</summary>
internal sealed class MultiVectorRequestBody
{
    public const string IsQueryField = "is_query";

    [JsonPropertyName("model")]
    public required string Model { get; init; }

    [JsonPropertyName("input")]
    public required IReadOnlyList<string> Input { get; set; }

    [JsonPropertyName(IsQueryField)]
    public bool? IsQuery { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The OpenAI-style answer whose <c>embedding</c> is a <c>[tokens][dim]</c> matrix.</summary>
internal sealed class MultiVectorResponseBody
{
    [JsonPropertyName("data")]
    public List<MultiVectorItem>? Data { get; init; }

    [JsonPropertyName("model")]
    public string? Model { get; init; }

    [JsonPropertyName("usage")]
    public MultiVectorUsage? Usage { get; init; }
}

internal sealed class MultiVectorItem
{
    [JsonPropertyName("index")]
    public int? Index { get; init; }

    [JsonPropertyName("embedding")]
    public List<float[]>? Embedding { get; init; }
}

internal sealed class MultiVectorUsage
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; init; }

    [JsonPropertyName("total_tokens")]
    public long? TotalTokens { get; init; }
}

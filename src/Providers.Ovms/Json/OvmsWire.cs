using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Ovms;

/// <summary>One servable in <c>GET /v1/config</c>: <c>{"model_version_status":[..]}</c>.</summary>
internal sealed class ConfigModelBody
{
    [JsonPropertyName("model_version_status")]
    public List<VersionStatusBody>? Versions { get; set; }
}

internal sealed class VersionStatusBody
{
    /// <summary>A string in current servers; read as any JSON value to accept a number too.</summary>
    [JsonPropertyName("version")]
    public JsonElement Version { get; set; }

    [JsonPropertyName("state")]
    public string? State { get; set; }

    [JsonPropertyName("status")]
    public VersionErrorBody? Status { get; set; }
}

internal sealed class VersionErrorBody
{
    [JsonPropertyName("error_code")]
    public string? ErrorCode { get; set; }

    [JsonPropertyName("error_message")]
    public string? ErrorMessage { get; set; }
}

/// <summary>The body of <c>POST /v3/rerank</c>.</summary>
internal sealed class RerankRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; set; }

    [JsonPropertyName("query")]
    public required string Query { get; set; }

    [JsonPropertyName("documents")]
    public required IReadOnlyList<string> Documents { get; set; }

    [JsonPropertyName("top_n")]
    public int? TopN { get; set; }

    [JsonPropertyName("return_documents")]
    public bool? ReturnDocuments { get; set; }
}

internal sealed class RerankResponseBody
{
    [JsonPropertyName("results")]
    public List<RerankItemBody>? Results { get; set; }
}

internal sealed class RerankItemBody
{
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    [JsonPropertyName("relevance_score")]
    public double? RelevanceScore { get; set; }

    [JsonPropertyName("document")]
    public RerankDocumentBody? Document { get; set; }
}

internal sealed class RerankDocumentBody
{
    [JsonPropertyName("text")]
    public string? Text { get; set; }
}

/// <summary>The body of <c>POST /v3/tokenize</c>.</summary>
internal sealed class TokenizeRequestBody
{
    [JsonPropertyName("model")]
    public required string Model { get; set; }

    [JsonPropertyName("text")]
    public required IReadOnlyList<string> Text { get; set; }

    [JsonPropertyName("max_length")]
    public int? MaxLength { get; set; }

    [JsonPropertyName("pad_to_max_length")]
    public bool? PadToMaxLength { get; set; }

    [JsonPropertyName("add_special_tokens")]
    public bool? AddSpecialTokens { get; set; }

    [JsonPropertyName("padding_side")]
    public string? PaddingSide { get; set; }
}

/// <summary>
/// The answer of <c>POST /v3/tokenize</c>: <c>{"tokens":[ids]}</c> for one text, <c>{"tokens":[[ids],..]}</c> for
/// several; read as any JSON value since the shape depends on the count.
/// </summary>
internal sealed class TokenizeResponseBody
{
    [JsonPropertyName("tokens")]
    public JsonElement Tokens { get; set; }
}

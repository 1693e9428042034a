using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Spirit;

/// <summary>The body of Ollama's <c>POST /api/generate</c>.</summary>
internal sealed class OllamaGenerateRequest
{
    [JsonPropertyName("model")]
    public required string Model { get; set; }

    [JsonPropertyName("prompt")]
    public required string Prompt { get; set; }

    [JsonPropertyName("suffix")]
    public string? Suffix { get; set; }

    [JsonPropertyName("system")]
    public string? System { get; set; }

    /// <summary>Plain base64, no data URI prefix.</summary>
    [JsonPropertyName("images")]
    public List<string>? Images { get; set; }

    [JsonPropertyName("context")]
    public IReadOnlyList<long>? Context { get; set; }

    /// <summary>Always sent: Ollama streams unless told not to.</summary>
    [JsonPropertyName("stream")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Stream { get; set; }

    [JsonPropertyName("raw")]
    public bool? Raw { get; set; }

    [JsonPropertyName("format")]
    public JsonElement? Format { get; set; }

    [JsonPropertyName("options")]
    public IReadOnlyDictionary<string, JsonElement>? Options { get; set; }

    [JsonPropertyName("think")]
    public bool? Think { get; set; }

    [JsonPropertyName("keep_alive")]
    public string? KeepAlive { get; set; }
}

/// <summary>A whole <c>/api/generate</c> answer, or one line of its NDJSON stream (the last with <c>done: true</c>).</summary>
internal sealed class OllamaGenerateResponse : IOllamaAnswer
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("response")]
    public string? Response { get; set; }

    [JsonPropertyName("thinking")]
    public string? Thinking { get; set; }

    [JsonPropertyName("done")]
    public bool Done { get; set; }

    [JsonPropertyName("done_reason")]
    public string? DoneReason { get; set; }

    [JsonPropertyName("context")]
    public List<long>? Context { get; set; }

    /// <summary>Nanoseconds, as are the other durations.</summary>
    [JsonPropertyName("total_duration")]
    public long? TotalDuration { get; set; }

    [JsonPropertyName("load_duration")]
    public long? LoadDuration { get; set; }

    [JsonPropertyName("prompt_eval_count")]
    public long? PromptEvalCount { get; set; }

    [JsonPropertyName("prompt_eval_duration")]
    public long? PromptEvalDuration { get; set; }

    [JsonPropertyName("eval_count")]
    public long? EvalCount { get; set; }

    [JsonPropertyName("eval_duration")]
    public long? EvalDuration { get; set; }

    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }
}

/// <summary>The body of Ollama's <c>POST /api/embed</c>.</summary>
internal sealed class OllamaEmbedRequest
{
    [JsonPropertyName("model")]
    public required string Model { get; set; }

    [JsonPropertyName("input")]
    public required IReadOnlyList<string> Input { get; set; }

    [JsonPropertyName("truncate")]
    public bool? Truncate { get; set; }

    [JsonPropertyName("dimensions")]
    public int? Dimensions { get; set; }

    [JsonPropertyName("options")]
    public Dictionary<string, JsonElement>? Options { get; set; }

    [JsonPropertyName("keep_alive")]
    public JsonElement? KeepAlive { get; set; }
}

/// <summary>Ollama's <c>/api/embed</c> answer: one vector per input, in input order.</summary>
internal sealed class OllamaEmbedResponse : IOllamaAnswer
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("embeddings")]
    public List<float[]?>? Embeddings { get; set; }

    [JsonPropertyName("prompt_eval_count")]
    public long? PromptEvalCount { get; set; }

    /// <summary>Not sent by <c>/api/embed</c>; an answer is always whole.</summary>
    [JsonIgnore]
    public bool Done => true;

    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }
}

/// <summary>Ollama's <c>GET /api/tags</c> answer.</summary>
internal sealed class OllamaTagsResponse
{
    [JsonPropertyName("models")]
    public List<SpiritOllamaModel?>? Models { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Providers.Core.Chat;

namespace Providers.Spirit;

/// <summary>The body of Ollama's <c>POST /api/chat</c>.</summary>
internal sealed class OllamaChatRequest
{
    [JsonPropertyName("model")]
    public required string Model { get; set; }

    [JsonPropertyName("messages")]
    public required List<OllamaMessage> Messages { get; set; }

    /// <summary>Always sent: Ollama streams unless told not to.</summary>
    [JsonPropertyName("stream")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Stream { get; set; }

    /// <summary><c>"json"</c>, or a JSON schema.</summary>
    [JsonPropertyName("format")]
    public JsonElement? Format { get; set; }

    /// <summary>Model parameters (<c>temperature</c>, <c>num_predict</c>, ...) and any extra ones passed through.</summary>
    [JsonPropertyName("options")]
    public Dictionary<string, JsonElement>? Options { get; set; }

    [JsonPropertyName("tools")]
    public List<ChatFunctionTool>? Tools { get; set; }

    /// <summary><see langword="false"/>/<see langword="true"/>, or <c>"low"</c>/<c>"medium"</c>/<c>"high"</c> for gpt-oss.</summary>
    [JsonPropertyName("think")]
    public JsonElement? Think { get; set; }

    [JsonPropertyName("keep_alive")]
    public JsonElement? KeepAlive { get; set; }
}

/// <summary>A message sent or received; images travel as plain base64 beside the text.</summary>
internal sealed class OllamaMessage
{
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("content")]
    public string? Content { get; set; }

    [JsonPropertyName("thinking")]
    public string? Thinking { get; set; }

    [JsonPropertyName("images")]
    public List<string>? Images { get; set; }

    [JsonPropertyName("tool_calls")]
    public List<OllamaToolCall>? ToolCalls { get; set; }

    /// <summary>On a tool result: the function that produced it.</summary>
    [JsonPropertyName("tool_name")]
    public string? ToolName { get; set; }
}

/// <summary>A tool call; unlike OpenAI's, its arguments are a JSON object, not a string.</summary>
internal sealed class OllamaToolCall
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("function")]
    public OllamaFunctionCall? Function { get; set; }
}

internal sealed class OllamaFunctionCall
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("arguments")]
    public Dictionary<string, JsonElement>? Arguments { get; set; }
}

/// <summary>A whole <c>/api/chat</c> answer, or one line of its NDJSON stream (the last with <c>done: true</c>).</summary>
internal sealed class OllamaChatResponse : IOllamaAnswer
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("message")]
    public OllamaMessage? Message { get; set; }

    [JsonPropertyName("done")]
    public bool Done { get; set; }

    [JsonPropertyName("done_reason")]
    public string? DoneReason { get; set; }

    [JsonPropertyName("prompt_eval_count")]
    public long? PromptEvalCount { get; set; }

    [JsonPropertyName("eval_count")]
    public long? EvalCount { get; set; }

    /// <summary>An error sent in place of an answer, or as a line of a stream that has already begun.</summary>
    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Core.OpenAI;

/// <summary>
/// An OpenAI-style chat answer, whole (<c>chat.completion</c>) or one streamed chunk (<c>chat.completion.chunk</c>):
/// the two share every field but <c>message</c>/<c>delta</c>, so one type reads both.
/// </summary>
internal sealed class ChatCompletionBody
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("created")]
    public long? Created { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("choices")]
    public List<ChoiceBody>? Choices { get; set; }

    [JsonPropertyName("usage")]
    public TokenUsage? Usage { get; set; }

    /// <summary>An error object some proxies return with status 200 in place of an answer.</summary>
    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }
}

internal sealed class ChoiceBody
{
    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("message")]
    public AnswerMessageBody? Message { get; set; }

    [JsonPropertyName("delta")]
    public AnswerMessageBody? Delta { get; set; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; set; }
}

/// <summary>A whole answer message or a streamed delta.</summary>
internal sealed class AnswerMessageBody
{
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    [JsonPropertyName("content")]
    public string? Content { get; set; }

    /// <summary>Reasoning text as older vLLM (and DeepSeek-style servers) send it.</summary>
    [JsonPropertyName("reasoning_content")]
    public string? ReasoningContent { get; set; }

    /// <summary>Reasoning text as newer vLLM sends it.</summary>
    [JsonPropertyName("reasoning")]
    public string? Reasoning { get; set; }

    [JsonPropertyName("refusal")]
    public string? Refusal { get; set; }

    [JsonPropertyName("tool_calls")]
    public List<ToolCallDeltaBody>? ToolCalls { get; set; }

    // vLLM versions in transition send both fields with the same text; taking one avoids doubling it.
    public string? ReasoningText => Reasoning ?? ReasoningContent;
}

/// <summary>A tool call in an answer; in a stream, a fragment of one, placed by <see cref="Index"/>.</summary>
internal sealed class ToolCallDeltaBody
{
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("function")]
    public FunctionCallBody? Function { get; set; }
}

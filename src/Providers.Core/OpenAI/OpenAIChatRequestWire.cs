using System.Text.Json;
using System.Text.Json.Serialization;
using Providers.Core.Chat;

namespace Providers.Core.OpenAI;

/// <summary>The body of an OpenAI-style <c>POST /chat/completions</c>, as vLLM and LiteLLM accept it.</summary>
internal sealed class ChatRequestBody
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("messages")]
    public required List<ChatRequestMessage> Messages { get; set; }

    [JsonPropertyName("temperature")]
    public float? Temperature { get; set; }

    [JsonPropertyName("top_p")]
    public float? TopP { get; set; }

    [JsonPropertyName("top_k")]
    public int? TopK { get; set; }

    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get; set; }

    [JsonPropertyName("stop")]
    public IList<string>? Stop { get; set; }

    [JsonPropertyName("frequency_penalty")]
    public float? FrequencyPenalty { get; set; }

    [JsonPropertyName("presence_penalty")]
    public float? PresencePenalty { get; set; }

    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    [JsonPropertyName("response_format")]
    public ResponseFormatBody? ResponseFormat { get; set; }

    [JsonPropertyName("tools")]
    public List<ChatFunctionTool>? Tools { get; set; }

    [JsonPropertyName("tool_choice")]
    public JsonElement? ToolChoice { get; set; }

    [JsonPropertyName("parallel_tool_calls")]
    public bool? ParallelToolCalls { get; set; }

    [JsonPropertyName("reasoning_effort")]
    public string? ReasoningEffort { get; set; }

    [JsonPropertyName("stream")]
    public bool? Stream { get; set; }

    [JsonPropertyName("stream_options")]
    public StreamOptionsBody? StreamOptions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One message of a chat request.</summary>
internal sealed class ChatRequestMessage
{
    [JsonPropertyName("role")]
    public required string Role { get; set; }

    /// <summary>A string, or content parts when the message carries images.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(MessageContentJsonConverter))]
    public MessageContent? Content { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("tool_calls")]
    public List<ToolCallBody>? ToolCalls { get; set; }

    [JsonPropertyName("tool_call_id")]
    public string? ToolCallId { get; set; }
}

/// <summary>A message's content: plain text, or text and image parts.</summary>
/// <param name="Text">The text, when the message has no images.</param>
/// <param name="Parts">The parts, when it has.</param>
internal sealed record MessageContent(string? Text, IReadOnlyList<ContentPart>? Parts);

/// <summary>A content part: <c>{"type":"text","text"}</c> or <c>{"type":"image_url","image_url":{"url"}}</c>.</summary>
/// <param name="Text">The text of a text part.</param>
/// <param name="ImageUrl">The URL (or data URI) of an image part.</param>
internal sealed record ContentPart(string? Text, string? ImageUrl);

/// <summary>Writes <see cref="MessageContent"/> as a string or an array of parts; requests are never read back.</summary>
internal sealed class MessageContentJsonConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Chat request content is only written.");

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options)
    {
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }

        writer.WriteStartArray();
        foreach (var part in value.Parts)
        {
            writer.WriteStartObject();
            if (part.ImageUrl is { } url)
            {
                writer.WriteString("type", "image_url");
                writer.WriteStartObject("image_url");
                writer.WriteString("url", url);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteString("type", "text");
                writer.WriteString("text", part.Text);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

/// <summary>A tool call, in an assistant message of the history or in an answer.</summary>
internal sealed class ToolCallBody
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("function")]
    public FunctionCallBody? Function { get; set; }
}

/// <summary>The function a tool call invokes; <c>arguments</c> is a JSON object encoded as a string.</summary>
internal sealed class FunctionCallBody
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("arguments")]
    public string? Arguments { get; set; }
}

/// <summary><c>{"type":"json_object"}</c> or <c>{"type":"json_schema","json_schema":{..}}</c>.</summary>
internal sealed class ResponseFormatBody
{
    [JsonPropertyName("type")]
    public required string Type { get; set; }

    [JsonPropertyName("json_schema")]
    public JsonSchemaBody? JsonSchema { get; set; }
}

internal sealed class JsonSchemaBody
{
    [JsonPropertyName("name")]
    public required string Name { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("schema")]
    public JsonElement Schema { get; set; }

    [JsonPropertyName("strict")]
    public bool? Strict { get; set; }
}

internal sealed class StreamOptionsBody
{
    [JsonPropertyName("include_usage")]
    public bool IncludeUsage { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

using System.Text.Json;
using Microsoft.Extensions.AI;
using Providers.Core.Chat;

namespace Providers.Core.OpenAI;

/// <summary>Builds the body of an OpenAI-style chat request from messages and <see cref="ChatOptions"/>.</summary>
internal static class OpenAIChatRequestBuilder
{
    public static ChatRequestBody Build(IEnumerable<ChatMessage> messages, ChatOptions? options, string? defaultModelId, string serviceName, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = new ChatRequestBody
        {
            Model = options?.ModelId ?? defaultModelId,
            Messages = OpenAIChatMessageWriter.Write(messages, options?.Instructions, serviceName),
            Stream = stream ? true : null,
            StreamOptions = stream ? new StreamOptionsBody { IncludeUsage = true } : null,
        };

        if (options is null)
        {
            return body;
        }

        body.Temperature = options.Temperature;
        body.TopP = options.TopP;
        body.TopK = options.TopK;
        body.MaxTokens = options.MaxOutputTokens;
        body.Stop = options.StopSequences is { Count: > 0 } stop ? stop : null;
        body.FrequencyPenalty = options.FrequencyPenalty;
        body.PresencePenalty = options.PresencePenalty;
        body.Seed = options.Seed;
        body.ResponseFormat = ToResponseFormat(options.ResponseFormat);
        body.ReasoningEffort = ToReasoningEffort(options.Reasoning?.Effort);
        if (options.Tools is { Count: > 0 } tools)
        {
            string what = $"{serviceName} chat";
            body.Tools = [.. tools.Select(tool => ChatFunctionTool.From(tool, what))];
            body.ToolChoice = ToToolChoice(options.ToolMode);
            body.ParallelToolCalls = options.AllowMultipleToolCalls;
        }

        body.Extra = AdditionalPropertiesJson.ToJson(options.AdditionalProperties, body, OpenAIJsonContext.Default.ChatRequestBody);
        return body;
    }

    private static ResponseFormatBody? ToResponseFormat(ChatResponseFormat? format) => format switch
    {
        ChatResponseFormatJson { Schema: { } schema } json => new ResponseFormatBody
        {
            Type = "json_schema",
            JsonSchema = new JsonSchemaBody { Name = json.SchemaName ?? "response", Description = json.SchemaDescription, Schema = schema, Strict = true },
        },
        ChatResponseFormatJson => new ResponseFormatBody { Type = "json_object" },
        _ => null,
    };

    private static string? ToReasoningEffort(ReasoningEffort? effort) => effort switch
    {
        null => null,
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High => "high",
        ReasoningEffort.ExtraHigh => "xhigh",
        _ => throw new ArgumentOutOfRangeException(nameof(effort), effort, "Unknown reasoning effort."),
    };

    private static JsonElement? ToToolChoice(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => JsonSerializer.SerializeToElement("none", OpenAIJsonContext.Default.String),
        AutoChatToolMode => JsonSerializer.SerializeToElement("auto", OpenAIJsonContext.Default.String),
        RequiredChatToolMode { RequiredFunctionName: { } name } => JsonSerializer.SerializeToElement(
            new ChatFunctionTool { Function = new ChatFunctionDeclaration { Name = name } }, OpenAIJsonContext.Default.ChatFunctionTool),
        RequiredChatToolMode => JsonSerializer.SerializeToElement("required", OpenAIJsonContext.Default.String),
        _ => throw new NotSupportedException($"Unknown tool mode {mode.GetType().Name}."),
    };
}

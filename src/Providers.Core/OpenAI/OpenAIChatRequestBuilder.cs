using System.Text.Json;
using Microsoft.Extensions.AI;
using Providers.Core.Chat;

namespace Providers.Core.OpenAI;

/// <summary>Builds the body of an OpenAI-style chat request from messages and <see cref="ChatOptions"/>.</summary>
internal static class OpenAIChatRequestBuilder
{
    private const string StreamOptionsProperty = "stream_options";
    private const string IncludeUsageField = "include_usage";
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
        body.ReasoningEffort = ToReasoningEffort(options.Reasoning?.Effort, serviceName);
        if (options.Tools is { Count: > 0 } tools)
        {
            string what = $"{serviceName} chat";
            body.Tools = [.. tools.Select(tool => ChatFunctionTool.From(tool, what))];
            body.ToolChoice = ToToolChoice(options.ToolMode);
            body.ParallelToolCalls = options.AllowMultipleToolCalls;
        }

        // Microsoft.Extensions.AI's integration suites ask for streamed usage through AdditionalProperties["stream_options"];
        // it only concerns streams, so a non-streamed call leaves it out rather than send what vLLM refuses without stream=true.
        if (options.AdditionalProperties?.TryGetValue(StreamOptionsProperty, out object? streamOptions) is true && body.StreamOptions is not null)
        {
            body.StreamOptions = MergeStreamOptions(streamOptions, serviceName);
        }

        body.Extra = AdditionalPropertiesJson.ToJson(options.AdditionalProperties, body, OpenAIJsonContext.Default.ChatRequestBody, StreamOptionsProperty);
        return body;
    }

    // The client always asks for usage; the caller's other fields (vLLM's continuous_usage_stats, ...) are kept.
    private static StreamOptionsBody MergeStreamOptions(object? value, string serviceName)
    {
        var json = AdditionalPropertiesJson.ToElement(value);
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException(
                $"AdditionalProperties['{StreamOptionsProperty}'] must be a JSON object such as {{\"{IncludeUsageField}\": true}}; got {json.ValueKind} ({serviceName} chat).");
        }

        var merged = new StreamOptionsBody { IncludeUsage = true };
        foreach (var field in json.EnumerateObject())
        {
            if (field.NameEquals(IncludeUsageField))
            {
                if (field.Value.ValueKind != JsonValueKind.True)
                {
                    throw new ArgumentException(
                        $"AdditionalProperties['{StreamOptionsProperty}'] sets {IncludeUsageField} to {field.Value.GetRawText()}, but the {serviceName} chat client " +
                        $"always asks for usage on a stream ({IncludeUsageField}: true) to report it as UsageContent; leave {IncludeUsageField} out or set it true.");
                }

                continue;
            }

            (merged.Extra ??= [])[field.Name] = field.Value.Clone();
        }

        return merged;
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

    // vLLM's chat request takes reasoning_effort "low", "medium" or "high" and answers 400 to anything else; gpt-oss
    // cannot stop reasoning, so None is refused before sending and ExtraHigh asks for the most there is.
    private static string? ToReasoningEffort(ReasoningEffort? effort, string serviceName) => effort switch
    {
        null => null,
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
        ReasoningEffort.None => throw new ArgumentException(
            $"ReasoningEffort.None cannot be sent to {serviceName}: its reasoning_effort accepts low, medium or high (ExtraHigh is sent as high). " +
            "Leave Reasoning.Effort unset, or set ReasoningOutput.None to leave the thoughts out of the answer."),
        _ => throw new ArgumentOutOfRangeException(nameof(effort), effort, $"Unknown reasoning effort; {serviceName} accepts low, medium or high."),
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

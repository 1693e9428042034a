using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>Turns a whole OpenAI-style chat answer into a <see cref="ChatResponse"/>; holds the mappings streaming shares.</summary>
internal static class OpenAIChatResponseReader
{
    public static ChatResponse Read(ChatCompletionBody completion, ServiceHttpClient service, bool includeReasoning)
    {
        if (completion.Error is { ValueKind: not JsonValueKind.Null } error)
        {
            throw service.CreateError(ServiceErrorBody.FromJson(error) ?? new ServiceErrorBody(error.GetRawText(), null, null), null);
        }

        var choice = completion.Choices?.FirstOrDefault(c => c.Index == 0) ?? completion.Choices?.FirstOrDefault();
        var answer = choice?.Message ?? throw new InvalidResponseException(service.ServiceName,
            $"{service.ServiceName} chat: the answer has no choices[0].message.");

        var contents = new List<AIContent>();
        AddText(contents, answer, includeReasoning);
        foreach (var call in answer.ToolCalls ?? [])
        {
            contents.Add(ToFunctionCall(call.Id, call.Function?.Name, call.Function?.Arguments, service.ServiceName));
        }

        var message = new ChatMessage(ToRole(answer.Role), contents) { MessageId = completion.Id, RawRepresentation = answer };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = ToCreatedAt(completion.Created),
            FinishReason = ToFinishReason(choice.FinishReason),
            Usage = completion.Usage?.ToUsageDetails(),
            RawRepresentation = completion,
        };
    }

    /// <summary>Adds the reasoning, text and refusal of a message or delta, in the order the model produced them.</summary>
    public static void AddText(List<AIContent> contents, AnswerMessageBody answer, bool includeReasoning)
    {
        if (includeReasoning && !string.IsNullOrEmpty(answer.ReasoningText))
        {
            contents.Add(new TextReasoningContent(answer.ReasoningText));
        }

        if (!string.IsNullOrEmpty(answer.Content))
        {
            contents.Add(new TextContent(answer.Content));
        }

        if (!string.IsNullOrEmpty(answer.Refusal))
        {
            contents.Add(new ErrorContent(answer.Refusal) { ErrorCode = "Refusal" });
        }
    }

    /// <summary>
    /// Builds a function call; arguments that are not a JSON object end up in <see cref="FunctionCallContent.Exception"/>,
    /// which <c>FunctionInvokingChatClient</c> reports back to the model instead of invoking anything.
    /// </summary>
    public static FunctionCallContent ToFunctionCall(string? callId, string? name, string? arguments, string serviceName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidResponseException(serviceName, $"{serviceName} chat: a tool call{(callId is null ? string.Empty : $" ({callId})")} names no function.");
        }

        return FunctionCallContent.CreateFromParsedArguments(
            string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments,
            // FunctionInvokingChatClient pairs results with calls by id; a server that sends none still needs one.
            string.IsNullOrEmpty(callId) ? $"call_{Guid.NewGuid():N}" : callId,
            name,
            json => (IDictionary<string, object?>?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>))));
    }

    public static ChatRole ToRole(string? role) => role switch
    {
        null or "assistant" => ChatRole.Assistant,
        _ => new ChatRole(role),
    };

    public static DateTimeOffset? ToCreatedAt(long? unixSeconds) =>
        unixSeconds is { } seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    public static ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };
}

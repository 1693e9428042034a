using System.Text.Json;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>Turns Ollama <c>/api/chat</c> answers and stream lines into Microsoft.Extensions.AI types.</summary>
internal static class OllamaChatResponseReader
{
    public static ChatResponse Read(OllamaChatResponse answer, ServiceHttpClient service, bool includeReasoning)
    {
        ThrowIfError(answer, service);
        var message = answer.Message ?? throw new InvalidResponseException(service.ServiceName,
            $"{service.ServiceName} Ollama chat: the answer has no 'message'.");
        string id = NewResponseId();
        var contents = ToContents(message, includeReasoning, service.ServiceName);
        return new ChatResponse(new ChatMessage(ToRole(message.Role), contents) { MessageId = id, RawRepresentation = message })
        {
            ResponseId = id,
            ModelId = answer.Model,
            CreatedAt = answer.CreatedAt,
            FinishReason = ToFinishReason(answer, contents),
            Usage = ToUsage(answer),
            RawRepresentation = answer,
        };
    }

    /// <summary>Ollama gives an answer no id; one is made so that updates of one answer group into one message.</summary>
    public static string NewResponseId() => $"chatcmpl-{Guid.NewGuid():N}";

    public static void ThrowIfError(IOllamaAnswer answer, ServiceHttpClient service)
    {
        if (answer.Error is { ValueKind: not JsonValueKind.Null } error)
        {
            var body = error.ValueKind == JsonValueKind.String
                ? new ServiceErrorBody(error.GetString(), null, null)
                : ServiceErrorBody.FromJson(error) ?? new ServiceErrorBody(error.GetRawText(), null, null);
            throw service.CreateError(body, null);
        }
    }

    public static List<AIContent> ToContents(OllamaMessage message, bool includeReasoning, string serviceName)
    {
        var contents = new List<AIContent>();
        if (includeReasoning && !string.IsNullOrEmpty(message.Thinking))
        {
            contents.Add(new TextReasoningContent(message.Thinking));
        }

        if (!string.IsNullOrEmpty(message.Content))
        {
            contents.Add(new TextContent(message.Content));
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            // Ollama's arguments are already a JSON object; FunctionInvokingChatClient pairs results by an id Ollama may not give.
            string name = call.Function?.Name is { Length: > 0 } named
                ? named
                : throw new InvalidResponseException(serviceName, $"{serviceName} Ollama chat: a tool call names no function.");
            contents.Add(new FunctionCallContent(
                string.IsNullOrEmpty(call.Id) ? $"call_{Guid.NewGuid():N}" : call.Id,
                name,
                call.Function?.Arguments?.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal)));
        }

        return contents;
    }

    public static ChatRole ToRole(string? role) => role is null or "assistant" ? ChatRole.Assistant : new ChatRole(role);

    private static ChatFinishReason? ToFinishReason(OllamaChatResponse answer, List<AIContent> contents) =>
        contents.Exists(c => c is FunctionCallContent) ? ChatFinishReason.ToolCalls : ToFinishReason(answer.DoneReason);

    public static ChatFinishReason? ToFinishReason(string? reason) => reason switch
    {
        null or "" => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        _ => new ChatFinishReason(reason),
    };

    public static UsageDetails? ToUsage(OllamaChatResponse answer) => ToUsage(answer.PromptEvalCount, answer.EvalCount);

    public static UsageDetails? ToUsage(long? promptEvalCount, long? evalCount) => promptEvalCount is null && evalCount is null
        ? null
        : new UsageDetails
        {
            InputTokenCount = promptEvalCount,
            OutputTokenCount = evalCount,
            TotalTokenCount = (promptEvalCount ?? 0) + (evalCount ?? 0),
        };
}

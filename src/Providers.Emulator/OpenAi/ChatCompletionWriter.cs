using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.Streaming;

namespace Providers.Emulator.OpenAi;

/// <summary>Writes a <see cref="ChatCompletionPlan"/> as an OpenAI chat completion, whole or streamed, in a server's dialect.</summary>
internal static class ChatCompletionWriter
{
    public static Task WriteAsync(HttpContext context, ChatRequest request, ChatCompletionPlan plan, ChatDialect dialect) =>
        request.Stream ? StreamAsync(context, request, plan, dialect) : JsonBody.WriteAsync(context, Whole(request, plan, dialect));

    private static JsonObject Whole(ChatRequest request, ChatCompletionPlan plan, ChatDialect dialect)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = plan.ContentText,
            ["refusal"] = null,
            ["function_call"] = null,
            ["tool_calls"] = plan.ToolCall is null ? new JsonArray() : new JsonArray(ToolCall(plan.ToolCall, CallId())),
        };
        if (dialect.ReasoningField is { } field)
        {
            message[field] = plan.ReasoningText;
        }

        var response = Envelope("chat.completion", request.Model);
        response["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["logprobs"] = null,
            ["finish_reason"] = plan.FinishReason,
        });
        response["usage"] = Usage(plan);
        return response;
    }

    private static async Task StreamAsync(HttpContext context, ChatRequest request, ChatCompletionPlan plan, ChatDialect dialect)
    {
        var writer = new FrameStreamWriter(context, FrameFormat.ServerSentEvents, dialect.Errors);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Chunk(JsonObject delta, string? finishReason = null)
        {
            var chunk = Envelope("chat.completion.chunk", request.Model, id, created);
            chunk["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            });
            return dialect.OmitNullsInChunks ? WithoutNulls(chunk) : chunk;
        }

        await writer.StartAsync().ConfigureAwait(false);
        var frames = new List<JsonObject> { Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }) };
        if (dialect.ReasoningField is { } field)
        {
            frames.AddRange(plan.Reasoning.Select(piece => Chunk(new JsonObject { [field] = piece })));
        }

        frames.AddRange((plan.Content ?? []).Select(piece => Chunk(new JsonObject { ["content"] = piece })));
        if (plan.ToolCall is { } call)
        {
            frames.AddRange(ToolCallDeltas(call).Select(d => Chunk(new JsonObject { ["tool_calls"] = new JsonArray(d) })));
        }

        frames.Add(Chunk(new JsonObject(), plan.FinishReason));
        if (request.IncludeUsage)
        {
            var usageChunk = Envelope("chat.completion.chunk", request.Model, id, created);
            usageChunk["choices"] = dialect.UsageChunkKeepsChoice
                ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject() })
                : new JsonArray();
            usageChunk["usage"] = Usage(plan);
            frames.Add(usageChunk);
        }

        foreach (var frame in frames)
        {
            if (!await writer.WriteAsync(frame).ConfigureAwait(false))
            {
                return;
            }
        }

        await writer.CompleteAsync().ConfigureAwait(false);
    }

    private static IEnumerable<JsonObject> ToolCallDeltas(ToolCallPlan call)
    {
        yield return new JsonObject
        {
            ["index"] = 0,
            ["id"] = CallId(),
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = string.Empty },
        };
        foreach (var fragment in call.Arguments.ToJsonString(JsonOutput.Options).Chunk(8))
        {
            yield return new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = new string(fragment) } };
        }
    }

    private static JsonObject ToolCall(ToolCallPlan call, string id) => new()
    {
        ["id"] = id,
        ["type"] = "function",
        ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments.ToJsonString(JsonOutput.Options) },
    };

    private static JsonObject Envelope(string objectType, string model, string? id = null, long? created = null) => new()
    {
        ["id"] = id ?? "chatcmpl-" + Guid.NewGuid().ToString("N"),
        ["object"] = objectType,
        ["created"] = created ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
    };

    private static JsonObject Usage(ChatCompletionPlan plan) => new()
    {
        ["prompt_tokens"] = plan.PromptTokens,
        ["completion_tokens"] = plan.CompletionTokens,
        ["total_tokens"] = plan.PromptTokens + plan.CompletionTokens,
    };

    private static string CallId() => "call_" + Guid.NewGuid().ToString("N")[..24];

    private static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var (name, value) in node.ToList())
        {
            switch (value)
            {
                case null:
                    node.Remove(name);
                    break;
                case JsonObject child:
                    WithoutNulls(child);
                    break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        WithoutNulls(item);
                    }

                    break;
            }
        }

        return node;
    }
}

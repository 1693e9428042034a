using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Core.Chat;

namespace Providers.Spirit;

/// <summary>Builds the body of Ollama's <c>/api/chat</c> from messages and <see cref="ChatOptions"/>.</summary>
/// <remarks>
/// <see cref="ChatOptions.AdditionalProperties"/> go into <c>options</c> (Ollama's model parameters such as
/// <c>num_ctx</c> or <c>repeat_penalty</c>), except <c>keep_alive</c>, which is a field of the request itself.
/// </remarks>
internal static class OllamaChatRequestBuilder
{
    private const string KeepAlive = "keep_alive";

    private static readonly SpiritProxyJsonContext Json = SpiritProxyJsonContext.Default;

    public static OllamaChatRequest Build(IEnumerable<ChatMessage> messages, ChatOptions? options, string defaultModelId, bool stream)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new OllamaChatRequest
        {
            Model = options?.ModelId ?? defaultModelId,
            Messages = WriteMessages(messages, options?.Instructions),
            Stream = stream,
        };

        if (options is null)
        {
            return request;
        }

        request.Format = options.ResponseFormat switch
        {
            ChatResponseFormatJson { Schema: { } schema } => schema,
            ChatResponseFormatJson => JsonSerializer.SerializeToElement("json", Json.String),
            _ => null,
        };
        request.Think = options.Reasoning?.Effort switch
        {
            null => null,
            ReasoningEffort.None => JsonSerializer.SerializeToElement(false, Json.Boolean),
            ReasoningEffort.Low => JsonSerializer.SerializeToElement("low", Json.String),
            ReasoningEffort.Medium => JsonSerializer.SerializeToElement("medium", Json.String),

            // Ollama knows three levels; the highest is the most it can give.
            _ => JsonSerializer.SerializeToElement("high", Json.String),
        };
        request.Tools = ToTools(options);
        request.Options = ToModelOptions(options);
        if (options.AdditionalProperties?.TryGetValue(KeepAlive, out object? keepAlive) == true)
        {
            request.KeepAlive = AdditionalPropertiesJson.ToElement(keepAlive);
        }

        return request;
    }

    private static List<OllamaMessage> WriteMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var written = new List<OllamaMessage>();
        if (!string.IsNullOrEmpty(instructions))
        {
            written.Add(new OllamaMessage { Role = "system", Content = instructions });
        }

        // Ollama names a tool result by its function, not by a call id.
        var functionNames = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            WriteMessage(message, index++, written, functionNames);
        }

        if (written.Count == 0)
        {
            throw new ArgumentException("A chat request needs at least one message.", nameof(messages));
        }

        return written;
    }

    private static void WriteMessage(ChatMessage message, int index, List<OllamaMessage> written, Dictionary<string, string> functionNames)
    {
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        List<string>? images = null;
        List<OllamaToolCall>? toolCalls = null;
        List<OllamaMessage>? toolResults = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent textContent:
                    text.Append(textContent.Text);
                    break;

                case TextReasoningContent reasoning:
                    thinking.Append(reasoning.Text);
                    break;

                case DataContent data when data.HasTopLevelMediaType("image"):
                    (images ??= []).Add(data.Base64Data.ToString());
                    break;

                case UriContent link when link.HasTopLevelMediaType("image"):
                    throw new NotSupportedException(
                        $"{SpiritJobClient.ServiceName} Ollama chat: message {index} links an image ({link.Uri.Scheme} URI); Ollama's API takes image bytes only. Send them as DataContent.");

                case FunctionCallContent call:
                    functionNames[call.CallId] = call.Name;
                    (toolCalls ??= []).Add(new OllamaToolCall
                    {
                        Id = call.CallId,
                        Function = new OllamaFunctionCall { Name = call.Name, Arguments = ToJsonObject(call.Arguments) },
                    });
                    break;

                case FunctionResultContent result:
                    (toolResults ??= []).Add(new OllamaMessage
                    {
                        Role = "tool",
                        Content = FunctionCallJson.ResultText(result.Result),
                        ToolName = functionNames.GetValueOrDefault(result.CallId),
                    });
                    break;

                case UsageContent:
                    break;

                case DataContent or UriContent:
                    string mediaType = content is DataContent d ? d.MediaType : ((UriContent)content).MediaType;
                    throw new NotSupportedException(
                        $"{SpiritJobClient.ServiceName} Ollama chat: message {index} holds content of media type '{mediaType}'; only images can be sent.");

                default:
                    throw new NotSupportedException(
                        $"{SpiritJobClient.ServiceName} Ollama chat: message {index} holds {content.GetType().Name}, which Ollama's chat API cannot carry.");
            }
        }

        if (text.Length > 0 || images is not null || toolCalls is not null || toolResults is null)
        {
            written.Add(new OllamaMessage
            {
                Role = message.Role.Value,
                Content = text.ToString(),
                Thinking = thinking.Length > 0 ? thinking.ToString() : null,
                Images = images,
                ToolCalls = toolCalls,
            });
        }

        if (toolResults is not null)
        {
            written.AddRange(toolResults);
        }
    }

    private static List<ChatFunctionTool>? ToTools(ChatOptions options)
    {
        if (options.Tools is not { Count: > 0 } tools || options.ToolMode is NoneChatToolMode)
        {
            return null;
        }

        if (options.ToolMode is RequiredChatToolMode)
        {
            throw new NotSupportedException(
                $"{SpiritJobClient.ServiceName} Ollama chat: Ollama's API cannot require a tool call (ChatToolMode.RequireAny / RequireSpecific); use the OpenAI-path SpiritProxyChatClient with a vLLM worker.");
        }

        string what = $"{SpiritJobClient.ServiceName} Ollama chat";
        return [.. tools.Select(tool => ChatFunctionTool.From(tool, what))];
    }

    private static Dictionary<string, JsonElement>? ToModelOptions(ChatOptions options)
    {
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Set(parameters, "temperature", options.Temperature);
        Set(parameters, "top_p", options.TopP);
        Set(parameters, "top_k", options.TopK);
        Set(parameters, "num_predict", options.MaxOutputTokens);
        Set(parameters, "frequency_penalty", options.FrequencyPenalty);
        Set(parameters, "presence_penalty", options.PresencePenalty);
        Set(parameters, "seed", options.Seed);
        if (options.StopSequences is { Count: > 0 } stop)
        {
            parameters["stop"] = JsonSerializer.SerializeToElement(stop, Json.IListString);
        }

        foreach (var (name, value) in options.AdditionalProperties ?? [])
        {
            if (name == KeepAlive)
            {
                continue;
            }

            if (!parameters.TryAdd(name, AdditionalPropertiesJson.ToElement(value)))
            {
                throw new ArgumentException(
                    $"AdditionalProperties['{name}'] would repeat the model option '{name}', which the ChatOptions already set; set it in one place only.");
            }
        }

        return parameters.Count == 0 ? null : parameters;
    }

    private static void Set<T>(Dictionary<string, JsonElement> parameters, string name, T? value)
        where T : struct
    {
        if (value is { } set)
        {
            parameters[name] = JsonSerializer.SerializeToElement(set, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T))!);
        }
    }

    private static Dictionary<string, JsonElement> ToJsonObject(IDictionary<string, object?>? arguments) =>
        arguments?.ToDictionary(a => a.Key, a => AdditionalPropertiesJson.ToElement(a.Value), StringComparer.Ordinal) ?? [];
}

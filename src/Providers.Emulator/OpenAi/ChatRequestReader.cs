using Providers.Emulator.Hosting;
using System.Text.Json.Nodes;

namespace Providers.Emulator.OpenAi;

/// <summary>Reads an OpenAI chat-completions body leniently, failing only on what a server would refuse.</summary>
internal static class ChatRequestReader
{
    public static ChatRequest Read(JsonNode? body, bool streamByDefault = false)
    {
        if (body is not JsonObject request)
        {
            throw new RequestRejectedException(400, "The request body must be a JSON object.");
        }

        var model = request["model"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? request["model"]!.GetValue<string>()
            : throw new RequestRejectedException(400, "The 'model' field is required.");
        if (request["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw new RequestRejectedException(400, "The 'messages' field must be a non-empty list.");
        }

        return new ChatRequest(
            model,
            [.. messages.Select(ReadMessage)],
            Bool(request["stream"]) ?? streamByDefault,
            Bool(request["stream_options"]?["include_usage"]) ?? false,
            Int(request["max_completion_tokens"]) ?? Int(request["max_tokens"]) ?? Int(request["options"]?["num_predict"]),
            ReadTools(request["tools"]),
            request["tool_choice"],
            request["reasoning_effort"]?.ToString());
    }

    private static ChatMessage ReadMessage(JsonNode? node, int index)
    {
        if (node is not JsonObject message || message["role"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            throw new RequestRejectedException(400, $"messages[{index}] must be an object with a 'role'.");
        }

        var role = message["role"]!.GetValue<string>();
        var images = new List<string>();
        var text = message["content"] switch
        {
            JsonValue value when value.TryGetValue(out string? s) => s,
            JsonArray parts => string.Join("\n", parts.Select(p => ReadPart(p, images, index)).OfType<string>()),
            _ => string.Empty,
        };

        // Ollama sends images beside the text as plain base64.
        if (message["images"] is JsonArray ollamaImages)
        {
            images.AddRange(ollamaImages.Select(i => "data:image/*;base64," + i?.GetValue<string>()));
        }

        return new ChatMessage(role, text, images);
    }

    private static string? ReadPart(JsonNode? part, List<string> images, int index)
    {
        switch (part?["type"]?.GetValue<string>())
        {
            case "text":
                return part["text"]?.GetValue<string>();
            case "image_url":
                var url = part["image_url"] is JsonObject o ? o["url"]?.GetValue<string>() : part["image_url"]?.GetValue<string>();
                images.Add(url ?? throw new RequestRejectedException(400, $"messages[{index}]: an image_url part needs a 'url'."));
                return null;
            default:
                throw new RequestRejectedException(400, $"messages[{index}]: unsupported content part type '{part?["type"]}'.");
        }
    }

    private static List<ChatTool> ReadTools(JsonNode? tools) =>
        tools is JsonArray array
            ? [.. array.Select(t => t?["function"]).OfType<JsonObject>()
                .Select(f => new ChatTool(f["name"]?.GetValue<string>() ?? string.Empty, f["parameters"] as JsonObject))]
            : [];

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue(out int i) ? i : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Providers.Emulator;

namespace Providers.Spirit.Tests.Support;

/// <summary>The caller-side mappings the adapter tests use, and handlers for the emulator that fit them.</summary>
internal static class HandlerMappings
{
    /// <summary>Sends the last user message as <c>prompt</c> and the temperature, if any; the echo handler returns them.</summary>
    public static SpiritHandlerChatOptions Chat(SpiritInvocation invocation = SpiritInvocation.Sync) => new()
    {
        CreateInput = (messages, options) => JsonSerializer.SerializeToElement(
            new JsonObject { ["prompt"] = messages[^1].Text, ["temperature"] = options?.Temperature }),
        ReadResponse = result => new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + result.GetJson().GetProperty("prompt").GetString())),
        Invocation = invocation,
        ModelId = "echo-1",
    };

    /// <summary>Sends the values as <c>texts</c>; reads <c>vectors</c>.</summary>
    public static SpiritHandlerEmbeddingOptions<string> Embeddings(int? dimensions = null) => new()
    {
        CreateInput = (values, _) => JsonSerializer.SerializeToElement(new JsonObject { ["texts"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]) }),
        ReadEmbeddings = result => [.. result.GetJson().GetProperty("vectors").EnumerateArray().Select(v => v.EnumerateArray().Select(ReadFloat).ToArray())],
        ModelId = "hash-embed",
        Dimensions = dimensions,
    };

    /// <summary>Embeds each text as <c>[length, 1]</c>; a text <c>"wide"</c> gets a third dimension, <c>"nan"</c> a NaN, <c>"drop"</c> no vector.</summary>
    public static SpiritHandler Embedder { get; } = (request, _) =>
    {
        var texts = request.Input!["texts"]!.AsArray().Select(t => t!.GetValue<string>());
        var vectors = new JsonArray();
        foreach (string text in texts.Where(t => t != "drop"))
        {
            var vector = new JsonArray(text.Length, 1);
            if (text == "wide")
            {
                vector.Add(0);
            }

            if (text == "nan")
            {
                vector[1] = "NaN";
            }

            vectors.Add(vector);
        }

        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["vectors"] = vectors });
    };

    // Handlers may send Python's float('nan') as the string "NaN"; the mapping reads it, the generator must refuse it.
    private static float ReadFloat(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? float.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetSingle();
}

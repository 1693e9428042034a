using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Ovms;

/// <summary>
/// A <c>/v3/tokenize</c> body for an embeddings graph: <c>{"model","text": "a" | ["a","b"], "max_length",
/// "pad_to_max_length", "add_special_tokens", "padding_side"}</c>, checked in the order and with the messages of
/// OVMS's tokenize parser (model_server <c>src/tokenize/tokenize_parser.cpp</c>).
/// </summary>
internal sealed record OvmsTokenizeRequest(
    IReadOnlyList<string> Texts,
    int? MaxLength,
    bool PadToMaxLength,
    bool AddSpecialTokens,
    bool PadLeft)
{
    // OVMS caps max_length at the larger of the model's length and this, since max_length drives padding.
    private const uint MaxLengthLimit = 1_000_000;

    private enum ItemKind
    {
        String,
        Integer,
        StringList,
        IntegerList,
    }

    /// <exception cref="RequestRejectedException">400 with OVMS's message, as the graph fails the request.</exception>
    public static OvmsTokenizeRequest Read(JsonObject body)
    {
        var texts = ReadTexts(body);
        int? maxLength = null;
        if (body.TryGetPropertyValue("max_length", out var maxNode))
        {
            if (maxNode is not JsonValue maxValue || !maxValue.TryGetValue(out uint max))
            {
                throw Invalid("max_length should be unsigned integer");
            }

            maxLength = max switch
            {
                0 => throw Invalid("max_length should be greater than 0"),
                > MaxLengthLimit => throw Invalid(string.Create(CultureInfo.InvariantCulture, $"max_length {max} exceeds the allowed limit of {MaxLengthLimit}")),
                _ => (int)max,
            };
        }

        var padToMaxLength = ReadBool(body, "pad_to_max_length", defaultValue: false);
        var addSpecialTokens = ReadBool(body, "add_special_tokens", defaultValue: true);
        var padLeft = false;
        if (body.TryGetPropertyValue("padding_side", out var sideNode))
        {
            padLeft = sideNode is JsonValue side && side.GetValueKind() == JsonValueKind.String
                ? side.GetValue<string>() switch
                {
                    "left" => true,
                    "right" => false,
                    _ => throw Invalid("padding_side should be either left or right"),
                }
                : throw Invalid("padding_side should be string, either left or right");
        }

        return new OvmsTokenizeRequest(texts, maxLength, padToMaxLength, addSpecialTokens, padLeft);
    }

    private static List<string> ReadTexts(JsonObject body)
    {
        switch (body["text"])
        {
            case null:
                throw Invalid("text field is required");
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return [value.GetValue<string>()];
            case JsonArray { Count: 0 }:
                throw Invalid("text array should not be empty");
            case JsonArray items:
                if (items.Select(KindOf).Distinct().Count() > 1)
                {
                    throw Invalid("text must be homogeneous");
                }

                // Token ids (and lists of strings) pass the parser, but an embeddings graph tokenizes plain text only.
                return KindOf(items[0]) == ItemKind.String
                    ? [.. items.Select(i => i!.GetValue<string>())]
                    : throw Invalid("Input should be string or array of strings");
            default:
                throw Invalid("text should be string, array of strings or array of integers");
        }
    }

    private static ItemKind KindOf(JsonNode? item) => item switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => ItemKind.String,
        JsonValue value when value.TryGetValue(out int _) => ItemKind.Integer,
        JsonArray { Count: 0 } => throw Invalid("inner arrays in text should not be empty"),
        JsonArray list => KindOf(list[0]) switch
        {
            ItemKind.String or ItemKind.Integer when list.Select(KindOf).Distinct().Count() > 1 => throw Invalid("text must be homogeneous"),
            ItemKind.String => ItemKind.StringList,
            ItemKind.Integer => ItemKind.IntegerList,
            _ => throw EveryElement(),
        },
        _ => throw EveryElement(),
    };

    private static bool ReadBool(JsonObject body, string name, bool defaultValue)
    {
        if (!body.TryGetPropertyValue(name, out var node))
        {
            return defaultValue;
        }

        return node is JsonValue value && value.TryGetValue(out bool flag) ? flag : throw Invalid($"{name} should be boolean");
    }

    private static RequestRejectedException EveryElement() => Invalid("every element in text array should be either string or int");

    private static RequestRejectedException Invalid(string message) => new(400, OvmsEndpoints.ExecutionFailed + message);
}

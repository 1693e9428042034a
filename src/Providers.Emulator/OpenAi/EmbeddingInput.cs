using System.Text.Json;
using System.Text.Json.Nodes;

namespace Providers.Emulator.OpenAi;

/// <summary>What is wrong with an embeddings <c>input</c>, for the service to word in its own way.</summary>
internal enum EmbeddingInputProblem
{
    None,
    Missing,
    Empty,
    NotHomogeneous,
    WrongType,
}

/// <summary>
/// Reads an OpenAI embeddings <c>input</c>: a string, a list of strings, a list of token-id lists, or one
/// token-id list. Token ids become the text <c>"t101 t7592"</c> so they embed deterministically too.
/// </summary>
internal static class EmbeddingInput
{
    public static EmbeddingInputProblem TryRead(JsonNode? input, out List<string> texts)
    {
        texts = [];
        switch (input)
        {
            case null:
                return EmbeddingInputProblem.Missing;
            case JsonValue value when value.TryGetValue(out string? text):
                texts.Add(text);
                return EmbeddingInputProblem.None;
            case JsonArray { Count: 0 }:
                return EmbeddingInputProblem.Empty;
            case JsonArray array:
                return ReadArray(array, texts);
            default:
                return EmbeddingInputProblem.WrongType;
        }
    }

    private static EmbeddingInputProblem ReadArray(JsonArray array, List<string> texts)
    {
        var kinds = array.Select(i => i?.GetValueKind()).Distinct().ToList();
        if (kinds.Count > 1)
        {
            return EmbeddingInputProblem.NotHomogeneous;
        }

        switch (kinds[0])
        {
            case JsonValueKind.String:
                texts.AddRange(array.Select(i => i!.GetValue<string>()));
                return EmbeddingInputProblem.None;
            case JsonValueKind.Number:
                texts.Add(TokenText(array));
                return EmbeddingInputProblem.None;
            case JsonValueKind.Array:
                if (array.Any(i => i!.AsArray().Any(t => t?.GetValueKind() != JsonValueKind.Number)))
                {
                    return EmbeddingInputProblem.NotHomogeneous;
                }

                texts.AddRange(array.Select(i => TokenText(i!.AsArray())));
                return EmbeddingInputProblem.None;
            default:
                return EmbeddingInputProblem.WrongType;
        }
    }

    private static string TokenText(JsonArray tokens) => string.Join(' ', tokens.Select(t => "t" + t!.GetValue<long>()));
}

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.Core.Chat;

/// <summary>Writes the parts of a function call that chat APIs carry as text: the call's arguments and its result.</summary>
public static class FunctionCallJson
{
    // AIJsonUtilities.DefaultOptions indents; arguments and results travel as JSON strings, where that would only add bytes.
    private static readonly JsonSerializerOptions CompactJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>Gets the text of a tool message for a result: a string as it is, <see langword="null"/> as empty, anything else as compact JSON.</summary>
    /// <param name="result">The function's result, as <see cref="FunctionResultContent.Result"/> holds it.</param>
    /// <returns>The text.</returns>
    public static string ResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } text => text.GetString()!,
        _ => JsonSerializer.Serialize(result, CompactJson.GetTypeInfo(result.GetType())),
    };

    /// <summary>Gets a call's arguments as a compact JSON object, as OpenAI-style requests carry them.</summary>
    internal static string ArgumentsText(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, CompactJson.GetTypeInfo(typeof(IDictionary<string, object?>)));
}

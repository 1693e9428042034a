using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Providers.Core.Chat;

/// <summary>
/// A function offered to a model, in the JSON shape OpenAI-style and Ollama chat APIs share:
/// <c>{"type":"function","function":{"name":..,"description":..,"parameters":{..}}}</c>.
/// </summary>
public sealed class ChatFunctionTool
{
    /// <summary>Gets the tool type, always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string Type => "function";

    /// <summary>Gets the function.</summary>
    [JsonPropertyName("function")]
    public required ChatFunctionDeclaration Function { get; init; }

    /// <summary>Converts a Microsoft.Extensions.AI tool; only function declarations can travel, since these servers run no hosted tools.</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="what">Names the client in the error, e.g. "SvRay chat".</param>
    /// <returns>The tool as the request carries it.</returns>
    /// <exception cref="NotSupportedException">The tool is not an <see cref="AIFunctionDeclaration"/>.</exception>
    public static ChatFunctionTool From(AITool tool, string what)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool is AIFunctionDeclaration function
            ? new ChatFunctionTool
            {
                Function = new ChatFunctionDeclaration
                {
                    Name = function.Name,
                    Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
                    Parameters = function.JsonSchema,
                },
            }
            : throw new NotSupportedException(
                $"{what}: the tool '{tool.Name}' ({tool.GetType().Name}) is not a function; the server runs no hosted tools.");
    }
}

/// <summary>The function of a <see cref="ChatFunctionTool"/>: its name, description and JSON schema of parameters.</summary>
public sealed class ChatFunctionDeclaration
{
    /// <summary>Gets the function's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets what the function does, for the model; <see langword="null"/> leaves it out.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>Gets the JSON schema of the arguments; <see langword="null"/> leaves it out.</summary>
    [JsonPropertyName("parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Parameters { get; init; }
}

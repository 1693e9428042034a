using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.Models;

/// <summary>A function call the stand-in model decided to make.</summary>
internal sealed record ToolCallPlan(string Name, JsonObject Arguments);

/// <summary>
/// Decides when the stand-in chat model calls a tool. The documented trigger: tools are offered, the last
/// message is the user's, and it names a tool (or says "use a tool"/"use the tool", or <c>tool_choice</c>
/// demands one). Arguments come from <c>name=value</c> or <c>name: value</c> in the user's text, typed by the
/// tool's JSON schema; a missing one gets the type's empty value.
/// </summary>
internal static partial class ToolCallPlanner
{
    public static ToolCallPlan? Plan(ChatRequest request)
    {
        if (request.Tools.Count == 0 || request.Messages[^1].Role != "user" || IsNone(request.ToolChoice))
        {
            return null;
        }

        var text = request.Messages[^1].Text;
        var tool = Forced(request) ?? request.Tools.FirstOrDefault(t => t.Name.Length > 0 && text.Contains(t.Name, StringComparison.OrdinalIgnoreCase));
        if (tool is null && (AsksForTool().IsMatch(text) || request.ToolChoice?.GetValueKind() == System.Text.Json.JsonValueKind.String && request.ToolChoice.GetValue<string>() == "required"))
        {
            tool = request.Tools[0];
        }

        return tool is null ? null : new ToolCallPlan(tool.Name, Arguments(tool, text));
    }

    private static bool IsNone(JsonNode? toolChoice) =>
        toolChoice is JsonValue v && v.TryGetValue(out string? s) && s == "none";

    private static ChatTool? Forced(ChatRequest request)
    {
        var name = request.ToolChoice is JsonObject choice ? choice["function"]?["name"]?.GetValue<string>() : null;
        return name is null ? null : request.Tools.FirstOrDefault(t => t.Name == name);
    }

    private static JsonObject Arguments(ChatTool tool, string text)
    {
        var arguments = new JsonObject();
        if (tool.Parameters?["properties"] is not JsonObject properties)
        {
            return arguments;
        }

        foreach (var (name, schema) in properties)
        {
            var match = Regex.Match(text, $@"\b{Regex.Escape(name)}\s*[=:]\s*(?:""(?<v>[^""]*)""|(?<v>[^,;\s]+))", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            var raw = match.Success ? match.Groups["v"].Value.TrimEnd('.', '!', '?') : null;
            arguments[name] = Typed(schema?["type"]?.ToString(), raw);
        }

        return arguments;
    }

    private static JsonNode? Typed(string? type, string? raw) => type switch
    {
        "integer" => long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0,
        "number" => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0,
        "boolean" => bool.TryParse(raw, out var b) && b,
        "array" => new JsonArray(),
        "object" => new JsonObject(),
        _ => raw ?? string.Empty,
    };

    [GeneratedRegex(@"\b(use|call)\s+(a|the)\s+(tool|function)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AsksForTool();
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Providers.Core;

/// <summary>The message, code and type a service put in an error body, whatever its shape.</summary>
/// <param name="Message">The human-readable message, or <see langword="null"/> when the body has none.</param>
/// <param name="Code">The service's error code, as text.</param>
/// <param name="Type">The service's error type.</param>
public sealed partial record ServiceErrorBody(string? Message, string? Code, string? Type)
{
    private const int MaxPlainTextLength = 500;

    /// <summary>
    /// Extracts the error from a body of any shape listed in wire-formats.md: <c>{"error":{"message",..}}</c>
    /// (OpenAI, LiteLLM, vLLM), <c>{"error":"..."}</c> (OVMS, Spirit), <c>{"detail":"..."}</c> and
    /// <c>{"detail":[{"loc","msg"}]}</c> (FastAPI), <c>{"object":"error","message"}</c> (older vLLM), plain text or HTML.
    /// </summary>
    /// <param name="body">The response body.</param>
    /// <returns>What could be extracted; every field is <see langword="null"/> for an empty body.</returns>
    public static ServiceErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new(null, null, null);
        }

        string trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (FromJson(document.RootElement) is { } parsed)
                {
                    return parsed;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: report it as text below.
            }
        }

        if (trimmed.StartsWith('<'))
        {
            var title = HtmlTitle().Match(body);
            string text = title.Success ? title.Groups[1].Value.Trim() : "no title";
            return new($"an HTML page ({text}) instead of an API error", null, null);
        }

        return new(Shorten(body.Trim()), null, null);
    }

    /// <summary>Extracts an error from a parsed JSON object, such as an error frame inside an SSE stream.</summary>
    /// <param name="root">The JSON value.</param>
    /// <returns>The error, or <see langword="null"/> when the value is not an error object.</returns>
    public static ServiceErrorBody? FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind switch
            {
                JsonValueKind.Object => new(Text(error, "message"), Text(error, "code"), Text(error, "type")),
                JsonValueKind.String => new(error.GetString(), Text(root, "code"), Text(root, "type")),
                _ => null,
            };
        }

        if (root.TryGetProperty("detail", out var detail))
        {
            return new(DetailMessage(detail), null, null);
        }

        if (Text(root, "object") == "error" || root.TryGetProperty("message", out _))
        {
            return new(Text(root, "message"), Text(root, "code"), Text(root, "type"));
        }

        return null;
    }

    private static string? DetailMessage(JsonElement detail)
    {
        if (detail.ValueKind == JsonValueKind.String)
        {
            return detail.GetString();
        }

        if (detail.ValueKind != JsonValueKind.Array)
        {
            return detail.GetRawText();
        }

        // FastAPI validation errors: [{"loc":["body","queries"],"msg":"Field required","type":"missing"}].
        var parts = new List<string>();
        foreach (var item in detail.EnumerateArray())
        {
            string location = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                ? string.Join('.', loc.EnumerateArray().Select(l => l.ToString()))
                : "request";
            parts.Add($"{location}: {Text(item, "msg") ?? item.GetRawText()}");
        }

        return string.Join("; ", parts);
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };

        // LiteLLM sends Python's str(None) for absent values.
        return text is "None" or "" ? null : text;
    }

    private static string Shorten(string text) =>
        text.Length <= MaxPlainTextLength ? text : string.Concat(text.AsSpan(0, MaxPlainTextLength), "…");

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlTitle();
}

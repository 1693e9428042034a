using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Providers.Emulator.Errors;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Reads the body of a FastAPI route whose parameter is one pydantic model, refusing it as FastAPI does: an empty
/// body is a missing body, a body that is not JSON is a <c>json_invalid</c> error at its position, a non-JSON content
/// type or a JSON value that is not an object is <c>model_attributes_type</c>; each as a 422 validation list.
/// </summary>
internal static class FastApiBody
{
    public static async Task<JsonObject> ReadModelAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            throw FastApiErrors.Rejection([FastApiErrors.Error("missing", ["body"], "Field required", null)]);
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

        // FastAPI parses JSON only without a content type or with application/json (or +json); any other body
        // reaches pydantic as bytes.
        if (!IsJson(context.Request.ContentType))
        {
            throw NotAnObject(JsonValue.Create(text));
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            var (message, position) = PythonJsonError.Describe(ex, text);
            throw FastApiErrors.Rejection([FastApiErrors.Error("json_invalid", ["body", position], "JSON decode error", new JsonObject(), new JsonObject { ["error"] = message })]);
        }

        return body as JsonObject ?? throw NotAnObject(body);
    }

    private static bool IsJson(string? contentType) =>
        contentType is null
        || (MediaTypeHeaderValue.TryParse(contentType, out var type)
            && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (type.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))));

    private static RequestRejectedException NotAnObject(JsonNode? input) =>
        FastApiErrors.Rejection([FastApiErrors.Error("model_attributes_type", ["body"], "Input should be a valid dictionary or object to extract fields from", input)]);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>Reads a request body as JSON, refusing what is not JSON with the status the service would use.</summary>
internal static class JsonBody
{
    public static async Task<JsonNode?> ReadAsync(HttpContext context, int invalidStatus = 400)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new RequestRejectedException(invalidStatus, $"Invalid JSON body: {ex.Message}");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, int invalidStatus = 400) =>
        await ReadAsync(context, invalidStatus).ConfigureAwait(false) as JsonObject
        ?? throw new RequestRejectedException(invalidStatus, "The request body must be a JSON object.");

    public static Task WriteAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonOutput.Options), context.RequestAborted);
    }
}

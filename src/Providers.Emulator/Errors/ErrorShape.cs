using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Errors;

/// <summary>How one kind of server shapes an error body. The status code always travels separately.</summary>
internal abstract class ErrorShape
{
    public abstract JsonNode Body(int status, string message);

    public virtual Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Body(status, message).ToJsonString(JsonOutput.Options), context.RequestAborted);
    }
}

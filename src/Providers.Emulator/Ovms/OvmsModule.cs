using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.Ovms;

/// <summary>
/// OpenVINO Model Server: the OpenAI-style <c>/v3</c> API (embeddings, rerank, tokenize, models), the KServe health
/// routes and <c>/v1/config</c>; errors <c>{"error":"message"}</c>.
/// </summary>
internal sealed class OvmsModule(EmulatorOptions options, OvmsModelStates states, OvmsEndpoints endpoints) : IServiceModule
{
    private const string UnauthorizedMessage = "Unauthorized request due to invalid or missing api-key";

    public EmulatedService Service => EmulatedService.Ovms;

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<OvmsModelStates>();
        services.AddSingleton<OvmsEndpoints>();
    }

    public ErrorShape ErrorsFor(string localPath) => PlainErrors.Instance;

    public string FormatRetryAfter(TimeSpan wait) => RetryAfter.WholeSeconds(wait);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("v1/config", ConfigAsync).RequireAdmission(AdmitAsync);
        routes.MapGet("v2/health/live", context => Task.CompletedTask).RequireAdmission(AdmitAsync);
        routes.MapGet("v2/health/ready", context =>
        {
            context.Response.StatusCode = states.IsAvailable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }).RequireAdmission(AdmitAsync);
        routes.MapGet("v2/models/{**rest}", ModelReadyAsync).RequireAdmission(AdmitAsync);
        foreach (var prefix in (string[])["v3/", "v3/v1/", "v1/"])
        {
            routes.MapGet(prefix + "models", context => JsonBody.WriteAsync(context, ModelList.Build(states.All, "OVMS", DateTimeOffset.UtcNow.ToUnixTimeSeconds()))).RequireAdmission(AdmitAsync);
            routes.MapPost(prefix + "embeddings", endpoints.EmbedAsync).RequireAdmission(AdmitAsync);
            routes.MapPost(prefix + "rerank", endpoints.RerankAsync).RequireAdmission(AdmitAsync);
            routes.MapPost(prefix + "tokenize", endpoints.TokenizeAsync).RequireAdmission(AdmitAsync);
        }
    }

    private async Task<bool> AdmitAsync(HttpContext context)
    {
        if (options.OvmsApiKey is not { } key || context.Request.Headers.Authorization.ToString() == "Bearer " + key)
        {
            return true;
        }

        // Observed: OVMS reports a bad or missing key as a 500, not a 401.
        await PlainErrors.Instance.WriteAsync(context, StatusCodes.Status500InternalServerError, UnauthorizedMessage).ConfigureAwait(false);
        return false;
    }

    private Task ConfigAsync(HttpContext context)
    {
        var config = new JsonObject();
        foreach (var name in states.All)
        {
            config[name] = new JsonObject
            {
                ["model_version_status"] = new JsonArray(new JsonObject
                {
                    ["version"] = "1",
                    ["state"] = states.State,
                    ["status"] = new JsonObject { ["error_code"] = "OK", ["error_message"] = "OK" },
                }),
            };
        }

        return JsonBody.WriteAsync(context, config);
    }

    private Task ModelReadyAsync(HttpContext context)
    {
        var rest = context.Request.RouteValues["rest"]?.ToString() ?? string.Empty;
        const string Suffix = "/ready";
        if (!rest.EndsWith(Suffix, StringComparison.Ordinal) || !states.IsKnown(rest[..^Suffix.Length]))
        {
            return PlainErrors.Instance.WriteAsync(context, StatusCodes.Status404NotFound, "Model with requested name is not found");
        }

        context.Response.StatusCode = states.IsAvailable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    }
}

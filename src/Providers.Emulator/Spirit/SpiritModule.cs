using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.Spirit;

/// <summary>
/// Spirit-GPU serverless. Handler mode (<c>Authorization: Bearer {key}</c>) runs jobs through a queue; proxy
/// mode (<c>Authorization: {serverlessId}-{key}</c>) forwards <c>/v1/*</c> to an OpenAI-compatible worker and
/// <c>/api/*</c> to an Ollama-compatible one, both emulated here.
/// </summary>
internal sealed class SpiritModule(EmulatorOptions options, SpiritHandlerEndpoints handler, OllamaEndpoints ollama, EmbeddingDimensions dimensions) : IServiceModule
{
    public EmulatedService Service => EmulatedService.Spirit;

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<SpiritJobStore>();
        services.AddSingleton<SpiritWebhookSender>();
        services.AddSingleton<SpiritJobQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<SpiritJobQueue>());
        services.AddSingleton<SpiritHandlerEndpoints>();
        services.AddSingleton<OllamaEndpoints>();
    }

    public ErrorShape ErrorsFor(string localPath) => IsOpenAiProxyPath(localPath) ? new VllmErrors(legacyShape: false) : PlainErrors.Instance;

    public string FormatRetryAfter(TimeSpan wait) => RetryAfter.WholeSeconds(wait);

    public void Map(IEndpointRouteBuilder routes)
    {
        RequestDelegate Handler(RequestDelegate endpoint) => endpoint.After(Authorized(() => "Bearer " + options.SpiritApiKey));
        routes.MapPost("v1/{id}/sync", Handler(handler.SyncAsync));
        routes.MapPost("v1/{id}/async", Handler(handler.SubmitAsync));
        routes.MapDelete("v1/{id}/async", Handler(handler.CancelAsync));
        routes.MapGet("v1/{id}/status", Handler(handler.StatusAsync));
        routes.MapPost("v1/{id}/status", Handler(handler.BatchStatusAsync));

        RequestDelegate Proxy(RequestDelegate endpoint) => endpoint.After(Authorized(() => $"{options.SpiritServerlessId}-{options.SpiritApiKey}"));
        routes.MapGet("v1/models", Proxy(context => JsonBody.WriteAsync(context, ModelList.Build([options.SpiritChatModel, options.SpiritEmbeddingModel], "library", DateTimeOffset.UtcNow.ToUnixTimeSeconds()))));
        routes.MapPost("v1/chat/completions", Proxy(context => OpenAiChatEndpoint.HandleAsync(
            context,
            new ChatDialect(new VllmErrors(legacyShape: false), false, false, null, ChatDialect.VllmUnknownModel),
            [options.SpiritChatModel, options.SpiritChatModel + ":latest"])));
        routes.MapPost("v1/embeddings", Proxy(OpenAiEmbedAsync));
        routes.MapGet("api/tags", Proxy(ollama.TagsAsync));
        routes.MapPost("api/chat", Proxy(ollama.ChatAsync));
        routes.MapPost("api/generate", Proxy(ollama.GenerateAsync));
        routes.MapPost("api/embed", Proxy(ollama.EmbedAsync));
    }

    private static bool IsOpenAiProxyPath(string localPath) => localPath is "/v1/models" or "/v1/chat/completions" or "/v1/embeddings";

    private static Func<HttpContext, Task<bool>> Authorized(Func<string> expected) =>
        async context =>
        {
            var request = context.Request;
            var presented = request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : request.Headers["Auth"].ToString();
            if (string.Equals(presented, expected(), StringComparison.Ordinal))
            {
                return true;
            }

            await JsonBody.WriteAsync(context, new JsonObject { ["error"] = "unauthorized" }, StatusCodes.Status401Unauthorized).ConfigureAwait(false);
            return false;
        };

    private async Task OpenAiEmbedAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context).ConfigureAwait(false);
        var model = body["model"]?.ToString();
        if (model is null || !model.StartsWith(options.SpiritEmbeddingModel, StringComparison.Ordinal) || !dimensions.TryGet(model, out var dimension))
        {
            var (status, message) = ChatDialect.VllmUnknownModel(model ?? "None");
            throw new RequestRejectedException(status, message);
        }

        if (EmbeddingInput.TryRead(body["input"], out var texts) != EmbeddingInputProblem.None)
        {
            throw new RequestRejectedException(400, "invalid input: expected a string or a non-empty list of strings or token lists");
        }

        var base64 = body["encoding_format"]?.ToString() == "base64";
        var vectors = texts.ConvertAll(t => HashedTextEmbedder.Embed(t, dimension));
        await EmbeddingListWriter.WriteAsync(context, vectors, model, base64, texts.Sum(TextTokens.Count)).ConfigureAwait(false);
    }
}

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
        var handlerRoutes = routes.MapGroup("v1/{id}").AddEndpointFilter(Authorize(() => "Bearer " + options.SpiritApiKey));
        handlerRoutes.MapPost("sync", handler.SyncAsync);
        handlerRoutes.MapPost("async", handler.SubmitAsync);
        handlerRoutes.MapDelete("async", handler.CancelAsync);
        handlerRoutes.MapGet("status", handler.StatusAsync);
        handlerRoutes.MapPost("status", handler.BatchStatusAsync);

        var proxyRoutes = routes.MapGroup(string.Empty).AddEndpointFilter(Authorize(() => $"{options.SpiritServerlessId}-{options.SpiritApiKey}"));
        proxyRoutes.MapGet("v1/models", context => JsonBody.WriteAsync(context, ModelList.Build([options.SpiritChatModel, options.SpiritEmbeddingModel], "library", DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
        proxyRoutes.MapPost("v1/chat/completions", context => OpenAiChatEndpoint.HandleAsync(
            context,
            new ChatDialect(ErrorsFor("/v1/"), false, false, null, ChatDialect.VllmUnknownModel),
            [options.SpiritChatModel, options.SpiritChatModel + ":latest"]));
        proxyRoutes.MapPost("v1/embeddings", OpenAiEmbedAsync);
        proxyRoutes.MapGet("api/tags", ollama.TagsAsync);
        proxyRoutes.MapPost("api/chat", ollama.ChatAsync);
        proxyRoutes.MapPost("api/generate", ollama.GenerateAsync);
        proxyRoutes.MapPost("api/embed", ollama.EmbedAsync);
    }

    private static bool IsOpenAiProxyPath(string localPath) =>
        localPath.StartsWith("/v1/", StringComparison.Ordinal) && localPath.Count(c => c == '/') == 2 || localPath.StartsWith("/v1/chat/", StringComparison.Ordinal);

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Authorize(Func<string> expected) =>
        async (invocation, next) =>
        {
            var request = invocation.HttpContext.Request;
            var presented = request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : request.Headers["Auth"].ToString();
            if (!string.Equals(presented, expected(), StringComparison.Ordinal))
            {
                await JsonBody.WriteAsync(invocation.HttpContext, new JsonObject { ["error"] = "unauthorized" }, StatusCodes.Status401Unauthorized).ConfigureAwait(false);
                return Results.Empty;
            }

            return await next(invocation).ConfigureAwait(false);
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

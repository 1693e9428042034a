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

    public long MaxRequestBodyBytes(string localPath) => RequestSizeLimits.Spirit;

    public (int Status, string Message) TooLarge(long limit) => (StatusCodes.Status400BadRequest, "body too large");

    public void Map(IEndpointRouteBuilder routes)
    {
        var handlerKey = Authorized(() => "Bearer " + options.SpiritApiKey);
        routes.MapPost("v1/{id}/sync", handler.SyncAsync).RequireAdmission(handlerKey);
        routes.MapPost("v1/{id}/async", handler.SubmitAsync).RequireAdmission(handlerKey);
        routes.MapDelete("v1/{id}/async", handler.CancelAsync).RequireAdmission(handlerKey);
        routes.MapGet("v1/{id}/status", handler.StatusAsync).RequireAdmission(handlerKey);
        routes.MapPost("v1/{id}/status", handler.BatchStatusAsync).RequireAdmission(handlerKey);

        var proxyKey = Authorized(() => $"{options.SpiritServerlessId}-{options.SpiritApiKey}");
        routes.MapGet("v1/models", context => JsonBody.WriteAsync(context, ModelList.Build([options.SpiritChatModel, options.SpiritEmbeddingModel], "library", DateTimeOffset.UtcNow.ToUnixTimeSeconds()))).RequireAdmission(proxyKey);
        routes.MapPost("v1/chat/completions", context => OpenAiChatEndpoint.HandleAsync(
            context,
            new ChatDialect(new VllmErrors(legacyShape: false), false, false, null, ChatDialect.VllmUnknownModel),
            [options.SpiritChatModel, options.SpiritChatModel + ":latest"])).RequireAdmission(proxyKey);
        routes.MapPost("v1/embeddings", OpenAiEmbedAsync).RequireAdmission(proxyKey);
        routes.MapGet("api/tags", ollama.TagsAsync).RequireAdmission(proxyKey);
        routes.MapPost("api/chat", ollama.ChatAsync).RequireAdmission(proxyKey);
        routes.MapPost("api/generate", ollama.GenerateAsync).RequireAdmission(proxyKey);
        routes.MapPost("api/embed", ollama.EmbedAsync).RequireAdmission(proxyKey);
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

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.SvRay;

/// <summary>
/// The SV Ray cluster: Ray Serve embedding deployments (FastAPI errors) under <c>embed-text/</c> and
/// <c>embed-image/</c>, and vLLM serving gpt-oss under <c>v1/</c>.
/// </summary>
internal sealed class SvRayModule(EmulatorOptions options, SvRayEmbeddings embeddings) : IServiceModule
{
    public EmulatedService Service => EmulatedService.SvRay;

    public ErrorShape ErrorsFor(string localPath) =>
        localPath.StartsWith("/v1/", StringComparison.Ordinal) ? new VllmErrors(options.VllmLegacyErrorShape) : FastApiErrors.Instance;

    public string FormatRetryAfter(TimeSpan wait) => RetryAfter.WholeSeconds(wait);

    public bool RoutesLikeStarlette => true;

    public long MaxRequestBodyBytes(string localPath) =>
        localPath.StartsWith("/embed-image/", StringComparison.Ordinal) ? RequestSizeLimits.Images : RequestSizeLimits.Text;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("embed-text/v1/embeddings", embeddings.EmbedTextAsync);
        routes.MapPost("embed-image/v1/embeddings", embeddings.EmbedImagesAndTextAsync);
        routes.MapPost("embed-text/v1/multivector-embeddings", embeddings.EmbedTextMultiVectorAsync);
        routes.MapPost("embed-image/v1/multivector-embeddings", embeddings.EmbedImageMultiVectorAsync);
        routes.MapGet("v1/models", context => JsonBody.WriteAsync(context, ModelList.Build([options.SvRayChatModel], "vllm", DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
        routes.MapPost("v1/chat/completions", context => OpenAiChatEndpoint.HandleAsync(
            context,
            new ChatDialect(new VllmErrors(options.VllmLegacyErrorShape), false, false, options.ReasoningField, ChatDialect.VllmUnknownModel),
            [options.SvRayChatModel]));
    }
}

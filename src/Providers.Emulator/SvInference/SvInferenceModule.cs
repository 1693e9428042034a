using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.SvInference;

/// <summary>The SV inference server: vLLM serving a Qwen2.5-VL model, with image content parts.</summary>
internal sealed class SvInferenceModule(EmulatorOptions options) : IServiceModule
{
    public EmulatedService Service => EmulatedService.SvInference;

    public ErrorShape ErrorsFor(string localPath) => new VllmErrors(options.VllmLegacyErrorShape);

    public string FormatRetryAfter(TimeSpan wait) => RetryAfter.WholeSeconds(wait);

    public bool RoutesLikeStarlette => true;

    // The vision model takes base64 images inside the chat body.
    public long MaxRequestBodyBytes(string localPath) => RequestSizeLimits.Images;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("v1/models", context => JsonBody.WriteAsync(context, ModelList.Build([options.SvInferenceModel], "vllm", DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
        routes.MapPost("v1/chat/completions", context => OpenAiChatEndpoint.HandleAsync(
            context,
            new ChatDialect(ErrorsFor(string.Empty), false, false, null, ChatDialect.VllmUnknownModel),
            [options.SvInferenceModel],
            request => ImageParts.Describe(request, options.MaxImagesPerPrompt)));
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;

namespace Providers.Emulator.ColQwen;

/// <summary>
/// The ColQwen2.5 FastAPI service: info routes, the patch calculator, and query/image embeddings; with
/// <see cref="EmulatorOptions.ColQwenLegacyShapes"/>, the older single-item <c>/patches</c>.
/// </summary>
internal sealed class ColQwenModule(EmulatorOptions options, ColQwenEmbeddings embeddings) : IServiceModule
{
    public const string Version = "0.0.2";

    public EmulatedService Service => EmulatedService.ColQwen;

    public ErrorShape ErrorsFor(string localPath) => FastApiErrors.Instance;

    public string FormatRetryAfter(TimeSpan wait) => RetryAfter.WholeSeconds(wait);

    public bool RoutesLikeStarlette => true;

    public long MaxRequestBodyBytes(string localPath) => localPath == "/embed/images" ? RequestSizeLimits.Images : RequestSizeLimits.Text;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(string.Empty, context => JsonBody.WriteAsync(context, new JsonObject { ["message"] = "ColQwen2.5 Embedding API", ["version"] = Version }));
        routes.MapGet("health", context => JsonBody.WriteAsync(context, new JsonObject { ["status"] = "healthy", ["device"] = "cuda:0" }));
        routes.MapGet("info", context => JsonBody.WriteAsync(context, new JsonObject
        {
            ["version"] = Version,
            ["device"] = "cuda:0",
            ["dtype"] = "torch.bfloat16",
            ["flash_attn"] = true,
            ["spatial_merge_size"] = 2,
            ["dim"] = ColQwenSequences.Dimension,
            ["image_token_id"] = 151655,
        }));
        routes.MapPost("patches", context => options.ColQwenLegacyShapes ? ColQwenPatches.SingleAsync(context) : ColQwenPatches.BatchAsync(context));
        routes.MapPost("embed/queries", embeddings.EmbedQueriesAsync);
        routes.MapPost("embed/images", embeddings.EmbedImagesAsync);
    }
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;

namespace Providers.Emulator.ColQwen;

/// <summary>The ColQwen2.5 FastAPI service: info routes, the patch calculator, and query/image embeddings.</summary>
internal sealed class ColQwenModule(ColQwenEmbeddings embeddings) : IServiceModule
{
    public const string Version = "0.0.2";

    public EmulatedService Service => EmulatedService.ColQwen;

    public ErrorShape ErrorsFor(string localPath) => FastApiErrors.Instance;

    public string FormatRetryAfter(TimeSpan wait) => RetryAfter.WholeSeconds(wait);

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
        routes.MapPost("patches", PatchesAsync);
        routes.MapPost("embed/queries", embeddings.EmbedQueriesAsync);
        routes.MapPost("embed/images", embeddings.EmbedImagesAsync);
    }

    private static async Task PatchesAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context, StatusCodes.Status422UnprocessableEntity).ConfigureAwait(false);
        if (body["dimensions"] is not JsonArray dimensions)
        {
            throw new RequestRejectedException(422, "dimensions is required", FastApiErrors.ValidationBody("missing", "dimensions", "Field required", body));
        }

        var results = new JsonArray();
        foreach (var item in dimensions)
        {
            // The service builds {"width":null,..,"error":..} for a bad item, which its own response model then
            // rejects: the whole request ends as a plain-text 500.
            if (item?["width"] is not JsonValue w || !w.TryGetValue(out int width) || item["height"] is not JsonValue h || !h.TryGetValue(out int height)
                || width <= 0 || height <= 0 || !TryGrid(width, height, out var grid))
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Internal Server Error", context.RequestAborted).ConfigureAwait(false);
                return;
            }

            results.Add(new JsonObject { ["width"] = width, ["height"] = height, ["n_patches_x"] = grid.PatchesX, ["n_patches_y"] = grid.PatchesY });
        }

        await JsonBody.WriteAsync(context, new JsonObject { ["results"] = results }).ConfigureAwait(false);
    }

    private static bool TryGrid(int width, int height, out PatchGrid grid)
    {
        try
        {
            grid = PatchGrid.For(width, height);
            return true;
        }
        catch (ArgumentException)
        {
            grid = default;
            return false;
        }
    }
}

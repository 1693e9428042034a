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
        routes.MapPost("patches", context => options.ColQwenLegacyShapes ? SinglePatchesAsync(context) : BatchPatchesAsync(context));
        routes.MapPost("embed/queries", embeddings.EmbedQueriesAsync);
        routes.MapPost("embed/images", embeddings.EmbedImagesAsync);
    }

    private static async Task BatchPatchesAsync(HttpContext context)
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
                || !TryGrid(width, height, out var grid, out _))
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

    /// <summary>The older <c>/patches</c>: one <c>{"width","height"}</c> in, <c>{"n_patches_x","n_patches_y"}</c> out.</summary>
    private static async Task SinglePatchesAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context, StatusCodes.Status422UnprocessableEntity).ConfigureAwait(false);
        var width = RequiredInt(body, "width");
        var height = RequiredInt(body, "height");

        // The older service wrapped every processor error (the aspect-ratio check, a zero side) in a 500 of its own.
        if (!TryGrid(width, height, out var grid, out var error))
        {
            throw new RequestRejectedException(500, $"Error getting number of patches: {error}");
        }

        await JsonBody.WriteAsync(context, new JsonObject { ["n_patches_x"] = grid.PatchesX, ["n_patches_y"] = grid.PatchesY }).ConfigureAwait(false);
    }

    private static int RequiredInt(JsonObject body, string field) => body[field] switch
    {
        null => throw new RequestRejectedException(422, $"{field} is required", FastApiErrors.ValidationBody("missing", field, "Field required", body)),
        JsonValue value when value.TryGetValue(out int number) => number,
        var other => throw new RequestRejectedException(422, $"{field} must be an integer", FastApiErrors.ValidationBody("int_type", field, "Input should be a valid integer", other)),
    };

    private static bool TryGrid(int width, int height, out PatchGrid grid, out string? error)
    {
        try
        {
            grid = PatchGrid.For(width, height);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            grid = default;
            error = ex.Message;
            return false;
        }
    }
}

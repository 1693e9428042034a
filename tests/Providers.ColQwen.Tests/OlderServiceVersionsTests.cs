using System.Drawing;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using SkiaSharp;

namespace Providers.ColQwen.Tests;

/// <summary>Answers of service versions the emulator does not play, served by a loopback stub.</summary>
public sealed class OlderServiceVersionsTests
{
    [Fact]
    public async Task Reads_the_older_plain_matrix_image_answer_dropping_its_padding()
    {
        // A 100x20 image makes 4x1 patches, so 4 + 4 + 7 tokens; its 12-token neighbour was left-padded with 3 zero rows.
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/embed/images", () => Json(new JsonObject
        {
            ["embeddings"] = new JsonArray(Matrix(padding: 3, tokens: 12), Matrix(padding: 0, tokens: 15)),
        })));
        using var generator = new ColQwenImageEmbeddingGenerator(new ColQwenImageEmbeddingOptions { Endpoint = service.BaseAddress });

        var embeddings = await generator.GenerateAsync([TestImages.Png(10, 10, SKColors.Red), TestImages.Png(100, 20, SKColors.Red)]);

        Assert.Equal([12, 15], embeddings.Select(e => e.TokenCount));
        Assert.Equal(new ImagePatchLayout(4, 4, 4, 1), embeddings[1].ImagePatches);
    }

    [Fact]
    public async Task Leaves_the_image_tokens_unknown_in_an_older_answer_whose_length_does_not_fit_the_grid()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/embed/images", () => Json(new JsonObject
        {
            ["embeddings"] = new JsonArray(Matrix(padding: 0, tokens: 12)),
        })));
        using var generator = new ColQwenImageEmbeddingGenerator(new ColQwenImageEmbeddingOptions { Endpoint = service.BaseAddress });

        var embedding = (await generator.GenerateAsync([TestImages.Png(10, 10, SKColors.Red)]))[0];

        Assert.Null(embedding.ImagePatches);
    }

    [Fact]
    public async Task Keeps_the_image_token_span_without_a_grid_when_the_service_patches_differently()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/embed/images", () => Json(new JsonObject
        {
            ["embeddings"] = new JsonArray(new JsonObject { ["embedding"] = Matrix(padding: 1, tokens: 20), ["image_patch_start"] = 5, ["image_patch_len"] = 9 }),
        })));
        using var generator = new ColQwenImageEmbeddingGenerator(new ColQwenImageEmbeddingOptions { Endpoint = service.BaseAddress });

        var embedding = (await generator.GenerateAsync([TestImages.Png(10, 10, SKColors.Red)]))[0];

        Assert.Equal(new ImagePatchLayout(4, 9), embedding.ImagePatches);
    }

    [Fact]
    public async Task Refuses_an_image_token_span_outside_the_vectors()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/embed/images", () => Json(new JsonObject
        {
            ["embeddings"] = new JsonArray(new JsonObject { ["embedding"] = Matrix(padding: 0, tokens: 10), ["image_patch_start"] = 4, ["image_patch_len"] = 16 }),
        })));
        using var generator = new ColQwenImageEmbeddingGenerator(new ColQwenImageEmbeddingOptions { Endpoint = service.BaseAddress });

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync([TestImages.Png(10, 10, SKColors.Red)]));

        Assert.Contains("outside its 10 vectors", error.Message);
    }

    [Fact]
    public async Task Refuses_an_item_made_only_of_padding()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/embed/queries", () => Json(new JsonObject
        {
            ["embeddings"] = new JsonArray(Matrix(padding: 3, tokens: 0)),
        })));
        using var generator = new ColQwenQueryEmbeddingGenerator(new ColQwenOptions { Endpoint = service.BaseAddress });

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["cat"]));

        Assert.Contains("Query 0 has only zero (padding) vectors", error.Message);
    }

    [Fact]
    public async Task Falls_back_to_one_size_per_request_for_a_service_that_refuses_the_batch_form_and_remembers_it()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/patches", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            if (body["width"] is null)
            {
                context.Response.StatusCode = 422;
                await context.Response.WriteAsJsonAsync(new { detail = new[] { new { loc = new[] { "body", "width" }, msg = "Field required", type = "missing" } } });
                return;
            }

            int width = (int)body["width"]!, height = (int)body["height"]!;
            var grid = ColQwenPatchCalculator.Compute(width, height);
            await context.Response.WriteAsJsonAsync(new { width, height, n_patches_x = grid.PatchesX, n_patches_y = grid.PatchesY });
        }));
        using var client = new ColQwenClient(new ColQwenOptions { Endpoint = service.BaseAddress });

        var first = await client.GetPatchesAsync([new Size(1024, 768), new Size(512, 512)]);
        var second = await client.GetPatchesAsync(1024, 768);

        Assert.Equal([new ColQwenPatchGrid(1024, 768, 32, 24), new ColQwenPatchGrid(512, 512, 18, 18)], first);
        Assert.Equal(32 * 24, second.PatchCount);
        Assert.Equal(["{\"dimensions\"", "{\"width\"", "{\"width\"", "{\"width\""], service.Requests.Select(r => r.Body[..(r.Body.IndexOf(':'))]));
    }

    [Fact]
    public async Task Reports_the_batch_forms_own_422_when_the_single_form_is_refused_too()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/patches", async (HttpContext context) =>
        {
            context.Response.StatusCode = 422;
            await context.Response.WriteAsJsonAsync(new { detail = "dimensions are out of range" });
        }));
        using var client = new ColQwenClient(new ColQwenOptions { Endpoint = service.BaseAddress });

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetPatchesAsync(10, 10));

        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task Surfaces_per_item_patch_errors_naming_each_failed_size()
    {
        await using var service = await LoopbackServer.StartAsync(app => app.MapPost("/patches", () => Json(new JsonObject
        {
            ["results"] = new JsonArray(
                new JsonObject { ["width"] = 1024, ["height"] = 768, ["n_patches_x"] = 32, ["n_patches_y"] = 24 },
                new JsonObject { ["width"] = null, ["height"] = null, ["error"] = "'width'" },
                new JsonObject { ["width"] = null, ["height"] = null, ["error"] = "'height'" }),
        })));
        using var client = new ColQwenClient(new ColQwenOptions { Endpoint = service.BaseAddress });

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetPatchesAsync([new Size(1024, 768), new Size(5, 5), new Size(6, 6)]));

        Assert.Equal(new InputRange(1, 1), error.FailedInputs);
        Assert.Contains("size 1 (5x5): 'width'", error.Message);
        Assert.Contains("size 2 (6x6): 'height'", error.Message);
    }

    private static JsonArray Matrix(int padding, int tokens)
    {
        var rows = new JsonArray();
        for (int i = 0; i < padding + tokens; i++)
        {
            var row = new JsonArray();
            for (int d = 0; d < 4; d++)
            {
                row.Add(i < padding ? 0f : (i + 1) * 0.1f + d);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}

using System.Net;
using SkiaSharp;

namespace Providers.Emulator.Tests.ColQwen;

public sealed class ColQwenLegacyShapesTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { ColQwenLegacyShapes = true };

    [Fact]
    public async Task Embeds_images_as_a_plain_left_padded_3D_array()
    {
        using var client = Client(EmulatedService.ColQwen);
        using var form = new MultipartFormDataContent
        {
            { TestImages.PngPart(TestImages.Encode(1024, 768, SKColors.White)), "files", "page1.png" },
            { TestImages.PngPart(TestImages.Encode(512, 512, SKColors.Black)), "files", "page2.png" },
        };

        var body = await ReadJsonAsync(await client.PostAsync("embed/images", form));
        var first = body["embeddings"]![0]!.AsArray();
        var secondRows = body["embeddings"]![1]!.AsArray().Select(Vectors.Of).ToList();

        Assert.Equal(4 + 768 + 7, first.Count);
        Assert.Equal(128, first[0]!.AsArray().Count);
        Assert.Equal(first.Count, secondRows.Count);
        Assert.All(secondRows.Take(779 - 335), row => Assert.All(row, x => Assert.Equal(0f, x)));
        Assert.InRange(Vectors.Norm(secondRows[779 - 335]), 0.99, 1.01);
    }

    [Fact]
    public async Task Computes_patches_for_a_single_width_and_height()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "patches", """{"width":1024,"height":768}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"n_patches_x":32,"n_patches_y":24}""", body.ToJsonString());
    }

    [Fact]
    public async Task Refuses_the_newer_batch_patches_body_with_a_422()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "patches", """{"dimensions":[{"width":1024,"height":768}]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("""["body","width"]""", body["detail"]![0]!["loc"]!.ToJsonString());
    }

    [Fact]
    public async Task Reports_a_patch_error_as_a_500_detail()
    {
        using var client = Client(EmulatedService.ColQwen);

        var (response, body) = await PostAsync(client, "patches", """{"width":10000,"height":10}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("Error getting number of patches: absolute aspect ratio", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using SkiaSharp;
using Snapshooter.Xunit;

namespace Providers.ColQwen.Tests.Embeddings;

public sealed partial class ColQwenImageEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "embed/images";
    private readonly EmulatorFixture _fixture;

    public ColQwenImageEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Uploads_each_image_as_a_files_part_with_its_image_type()
    {
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        await generator.GenerateAsync([
            new DataContent(TestImages.Encode(64, 48, SKColors.Red), "application/octet-stream"),
            new DataContent(TestImages.Encode(32, 32, SKColors.Blue, SKEncodedImageFormat.Jpeg), "image/jpeg"),
        ]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/embed/images", request.Path);
        Assert.StartsWith("multipart/form-data; boundary=", request.Headers["Content-Type"]);
        Snapshot.Match(string.Join('\n', PartHeader().Matches(request.Body).Select(m => m.Value.TrimEnd())));
    }

    [Fact]
    public async Task Drops_the_left_padding_and_keeps_where_the_image_tokens_are()
    {
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());
        var small = TestImages.Png(100, 100, SKColors.Red);
        var large = TestImages.Png(1024, 768, SKColors.Green);

        var batch = await generator.GenerateAsync([small, large]);
        var alone = (await generator.GenerateAsync([small]))[0];

        Assert.Equal(alone.Vectors.ToArray(), batch[0].Vectors.ToArray());
        Assert.Equal(new ImagePatchLayout(4, 4 * 4, 4, 4), batch[0].ImagePatches);
        Assert.Equal(new ImagePatchLayout(4, 32 * 24, 32, 24), batch[1].ImagePatches);
        Assert.Equal([4 + 16 + 7, 4 + 768 + 7], batch.Select(e => e.TokenCount));
    }

    [Fact]
    public async Task Maps_each_patch_to_its_image_token_row_major()
    {
        // Left half red, right half blue: the stand-in model gives each patch a vector by its colour.
        using var bitmap = new SKBitmap(280, 280);
        using (var canvas = new SKCanvas(bitmap))
        using (var blue = new SKPaint { Color = SKColors.Blue })
        {
            canvas.Clear(SKColors.Red);
            canvas.DrawRect(140, 0, 140, 280, blue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode();
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());
        var embedding = (await generator.GenerateAsync([new DataContent(png.ToArray(), "image/png")]))[0];

        var patches = embedding.ImagePatches!;
        float[] Patch(int x, int y) => embedding.GetVector(patches.Start + (y * patches.GridWidth) + x).ToArray();
        Assert.Equal((10, 10), (patches.GridWidth, patches.GridHeight));
        Assert.Equal(Patch(0, 0), Patch(4, 9));
        Assert.Equal(Patch(9, 0), Patch(5, 9));
        Assert.NotEqual(Patch(0, 0), Patch(9, 0));
    }

    [Fact]
    public async Task Refuses_data_that_is_not_an_image_naming_the_input_before_sending()
    {
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync([TestImages.Png(8, 8, SKColors.Red), new DataContent("%PDF-1.7"u8.ToArray(), "application/pdf")]));

        Assert.Contains("Input 1 (application/pdf) is not a PNG, JPEG, WebP, GIF or BMP image", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_a_truncated_image_naming_the_input_before_sending()
    {
        byte[] png = TestImages.Encode(8, 8, SKColors.Red);
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync([new DataContent(png.AsMemory(0, 12), "image/png")]));

        Assert.Contains("Input 0 (image/png) looks like Png but its header is truncated", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_an_image_with_an_aspect_ratio_above_200_before_sending()
    {
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync([TestImages.Png(402, 2, SKColors.Red)]));

        Assert.Contains("Image 0", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Theory]
    [InlineData(400, "{\"detail\":\"File image-0.png is not an image\"}", "File image-0.png is not an image", false)]
    [InlineData(422, "{\"detail\":[{\"loc\":[\"body\",\"files\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}", "body.files: Field required", false)]
    [InlineData(500, "{\"detail\":\"CUDA out of memory\"}", "CUDA out of memory", true)]
    public async Task Reports_each_documented_error_status_with_the_services_detail(int status, string body, string message, bool retryable)
    {
        _fixture.Faults(Route).FailNext(1, status, body: body);
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync([TestImages.Png(8, 8, SKColors.Red)]));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains(message, error.Message);
        Assert.Equal(retryable, error.IsRetryable);
    }

    [Fact]
    public async Task Sends_8_images_per_request_one_request_at_a_time_with_ColQwen_batching()
    {
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>()).AsBuilder().UseColQwenBatching().Build();
        var pages = Enumerable.Range(0, 10).Select(i => TestImages.Png(8 + i, 8, SKColors.Red)).ToList();

        var embeddings = await generator.GenerateAsync(pages);

        Assert.Equal(10, embeddings.Count);
        Assert.Equal(2, _fixture.Requests.Count);
        Assert.Equal(ColQwenPatchCalculator.Compute(17, 8).PatchCount, embeddings[9].ImagePatches?.Length);
    }

    [Fact]
    public async Task Refuses_an_answer_with_the_wrong_number_of_embeddings()
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync([TestImages.Png(8, 8, SKColors.Red), TestImages.Png(8, 8, SKColors.Blue)]));
    }

    [Fact]
    public async Task Refuses_an_answer_holding_NaN()
    {
        _fixture.Faults(Route).InjectNaN();
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync([TestImages.Png(8, 8, SKColors.Red)]));
    }

    [Fact]
    public async Task Fails_retryably_when_the_connection_breaks_mid_answer()
    {
        _fixture.Faults(Route).ResetConnectionMidBody();
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync([TestImages.Png(8, 8, SKColors.Red)]));

        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void Defaults_to_a_120_second_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), new ColQwenImageEmbeddingOptions().Timeout);
    }

    [GeneratedRegex("^Content-(Disposition|Type): .*$", RegexOptions.Multiline)]
    private static partial Regex PartHeader();
}

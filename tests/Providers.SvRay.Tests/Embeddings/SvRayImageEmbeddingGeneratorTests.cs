using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SvRay.Tests.Support;
using SkiaSharp;
using Snapshooter.Xunit;

namespace Providers.SvRay.Tests.Embeddings;

public sealed class SvRayImageEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SvRayImageEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Sends_images_first_then_texts_as_plain_base64_with_input_type_auto()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        await generator.GenerateAsync([new TextContent("A short caption"), new DataContent(TestImages.RedPixelPng, "image/png")]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/embed-image/v1/embeddings", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Returns_each_embedding_at_its_inputs_position_in_a_mixed_batch()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());
        AIContent[] inputs =
        [
            new TextContent("a red square"),
            TestImages.Png(16, 16, SKColors.Red),
            new TextContent("a blue square"),
            TestImages.Png(16, 16, SKColors.Blue),
        ];

        var together = await generator.GenerateAsync(inputs);

        for (int i = 0; i < inputs.Length; i++)
        {
            var alone = await generator.GenerateVectorAsync(inputs[i]);
            Assert.Equal(alone.ToArray(), together[i].Vector.ToArray());
        }

        Assert.All(together, e => Assert.Equal(768, e.Vector.Length));
    }

    [Fact]
    public async Task Keeps_the_callers_order_across_batches()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>())
            .AsBuilder().UseSvRayBatching(maxBatchSize: 3).Build();
        AIContent[] inputs = [.. Enumerable.Range(0, 7).Select(i => i % 2 == 0
            ? (AIContent)new TextContent($"caption {i}")
            : TestImages.Png(8, 8, new SKColor((byte)(i * 30), 0, 0)))];

        var together = await generator.GenerateAsync(inputs);

        Assert.Equal(3, _fixture.Requests.Count);
        var sixth = await generator.GenerateVectorAsync(inputs[5]);
        Assert.Equal(sixth.ToArray(), together[5].Vector.ToArray());
    }

    [Fact]
    public async Task Downloads_an_http_image_and_sends_its_bytes_never_its_address()
    {
        byte[] png = TestImages.Encode(4, 4, SKColors.Green);
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/green.png", LoopbackServer.File(png, "image/png")));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var fromUrl = await generator.GenerateVectorAsync(new UriContent(host["green.png"], "image/png"));
        var fromBytes = await generator.GenerateVectorAsync(new DataContent(png, "image/png"));

        string body = _fixture.Requests[0].Body;
        Assert.Equal(Convert.ToBase64String(png), JsonDocument.Parse(body).RootElement.GetProperty("input")[0].GetString());
        Assert.DoesNotContain(host.BaseAddress.Authority, body);
        Assert.Equal(fromBytes.ToArray(), fromUrl.ToArray());
    }

    [Fact]
    public async Task Refuses_an_image_the_host_answers_404_for_naming_the_input()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/gone.png", () => Results.NotFound()));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ImageLoadException>(() =>
            generator.GenerateAsync([new TextContent("caption"), new UriContent(host["gone.png"], "image/png")]));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(new InputRange(1, 1), error.FailedInputs);
        Assert.Contains("Image input 1", error.Message);
        Assert.False(error.IsRetryable);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Keeps_the_image_addresses_password_and_query_out_of_the_error_message()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/gone.png", () => Results.NotFound()));
        var address = new UriBuilder(host["gone.png"]) { UserName = "reader", Password = "pa55word", Query = "sig=s3cret" }.Uri;
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([new UriContent(address, "image/png")]));

        Assert.Contains($"(http://{host.BaseAddress.Authority}/gone.png)", error.Message);
        Assert.DoesNotContain("pa55word", error.ToString());
        Assert.DoesNotContain("s3cret", error.ToString());
    }

    [Fact]
    public async Task Refuses_an_image_larger_than_the_download_cap()
    {
        byte[] png = TestImages.Encode(64, 64, SKColors.Red);
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/big.png", LoopbackServer.File(png, "image/png")));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>(o => o.ImageDownload.MaxBytes = 100));

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([new UriContent(host["big.png"], "image/png")]));

        Assert.Contains("100-byte limit", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_a_download_without_a_length_that_runs_past_the_cap()
    {
        byte[] png = TestImages.Encode(64, 64, SKColors.Red);
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/streamed.png", async context =>
        {
            context.Response.ContentType = "image/png";
            await context.Response.StartAsync();
            await context.Response.Body.WriteAsync(png);
        }));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>(o => o.ImageDownload.MaxBytes = 100));

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([new UriContent(host["streamed.png"], "image/png")]));

        Assert.Contains("100-byte limit", error.Message);
    }

    [Fact]
    public async Task Gives_up_on_a_slow_image_host_after_the_download_timeout()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/slow.png", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
        }));
        using var generator = new SvRayImageEmbeddingGenerator(
            _fixture.Options<SvRayImageEmbeddingOptions>(o => o.ImageDownload.Timeout = TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([new UriContent(host["slow.png"], "image/png")]));

        Assert.True(error.IsRetryable);
        Assert.Contains("did not download within", error.Message);
    }

    [Fact]
    public async Task Refuses_a_web_page_served_where_an_image_was_expected()
    {
        await using var host = await LoopbackServer.StartAsync(app =>
            app.MapGet("/login", LoopbackServer.File("<html><body>Sign in</body></html>"u8.ToArray(), "text/html")));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([new UriContent(host["login"], "image/png")]));

        Assert.Contains("text/html", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Keeps_the_query_string_of_an_image_address_out_of_error_messages()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/signed.png", () => Results.StatusCode(403)));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ImageLoadException>(() =>
            generator.GenerateAsync([new UriContent(host["signed.png?signature=s3cr3t"], "image/png")]));

        Assert.DoesNotContain("s3cr3t", error.ToString());
    }

    [Fact]
    public async Task Reads_a_file_uri_but_sends_nothing_when_the_file_is_not_an_image()
    {
        string path = Path.Combine(Path.GetTempPath(), $"not-an-image-{Guid.NewGuid():N}.png");
        await File.WriteAllTextAsync(path, "secret notes, not a picture");
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        try
        {
            var error = await Assert.ThrowsAsync<ImageLoadException>(() =>
                generator.GenerateAsync([new UriContent(new Uri(path), "image/png")]));

            Assert.Equal(0, error.InputIndex);
            Assert.Contains($"Image input 0 ({path})", error.Message);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_an_unsupported_scheme_before_sending_anything()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync([new TextContent("a"), new UriContent(new Uri("ftp://files.example/page.png"), "image/png")]));

        Assert.Contains("Input 1 is a 'ftp' URI", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_data_that_is_not_an_image_naming_the_input_before_sending_anything()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [TestImages.Png(4, 4, SKColors.Red), new DataContent("%PDF-1.7 not a picture"u8.ToArray(), "image/png")]));

        Assert.Contains("Input 1", error.Message);
        Assert.Contains("not a PNG, JPEG, WebP, GIF or BMP image", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_an_image_whose_header_is_truncated_behind_a_valid_signature()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new DataContent(TestImages.RedPixelPng.AsMemory(0, 20), "image/png")]));

        Assert.Contains("Input 0", error.Message);
        Assert.Contains("header is truncated", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_a_download_whose_image_header_is_truncated()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/cut.png", LoopbackServer.File(TestImages.RedPixelPng[..20], "image/png")));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([new UriContent(host["cut.png"], "image/png")]));

        Assert.Contains("header is truncated", error.Message);
        Assert.False(error.IsRetryable);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Checks_local_images_before_downloading_remote_ones()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/red.png", LoopbackServer.File(TestImages.RedPixelPng, "image/png")));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            [new UriContent(host["red.png"], "image/png"), new DataContent("not an image"u8.ToArray(), "image/png")]));

        Assert.Equal(0, host.RequestCount);
    }

    [Fact]
    public async Task Refuses_content_that_is_neither_image_nor_text()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync([new TextContent("ok"), new FunctionCallContent("c1", "f")]));

        Assert.Contains("Input 1 is FunctionCallContent", error.Message);
    }

    [Fact]
    public async Task Lets_a_call_choose_another_input_type()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        await generator.GenerateAsync([new TextContent("caption")], new EmbeddingGenerationOptions { AdditionalProperties = new() { ["input_type"] = "text" } });

        Assert.Equal("text", JsonDocument.Parse(Assert.Single(_fixture.Requests).Body).RootElement.GetProperty("input_type").GetString());
    }

    [Fact]
    public async Task Retries_a_429_through_the_retry_middleware()
    {
        _fixture.Faults("embed-image/v1/embeddings").FailNext(1, 429, retryAfter: "0");
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>())
            .AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        var embeddings = await generator.GenerateAsync([TestImages.Png(4, 4, SKColors.Red)]);

        Assert.Single(embeddings);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Refuses_an_answer_with_the_wrong_number_of_vectors()
    {
        _fixture.Faults("embed-image/v1/embeddings").WrongVectorCount();
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync([new TextContent("a"), new TextContent("b")]));
    }

    [Fact]
    public void Defaults_to_siglip2_and_the_reference_clients_timeouts()
    {
        var options = new SvRayImageEmbeddingOptions();

        Assert.Equal("google/siglip2-base-patch16-224", options.ModelId);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ImageDownload.Timeout);
    }

    [Fact]
    public void Refuses_a_non_positive_download_cap_naming_the_setting()
    {
        var options = _fixture.Options<SvRayImageEmbeddingOptions>(o => o.ImageDownload.MaxBytes = 0);

        var error = Assert.Throws<ArgumentException>(() => new SvRayImageEmbeddingGenerator(options));

        Assert.Contains("SvRayImageEmbeddingOptions.ImageDownload.MaxBytes", error.Message);
    }
}

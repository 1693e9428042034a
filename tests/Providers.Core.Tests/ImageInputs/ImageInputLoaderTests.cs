using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.ImageInputs;

public sealed class ImageInputLoaderTests
{
    [Fact]
    public async Task Loads_the_same_bytes_from_data_file_and_http_forms()
    {
        byte[] png = TestImages.Encode(30, 20, SkiaSharp.SKColors.Teal);
        await using var sources = await PageImageSources.StartAsync(png);
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions());

        var loaded = await loader.LoadAsync(sources.All);

        Assert.All(loaded, image => Assert.Equal(png, image.Data.ToArray()));
        Assert.All(loaded, image => Assert.Equal("image/png", image.MediaType));
        Assert.Equal(1, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Refuses_an_unsupported_scheme_naming_the_input_before_fetching_anything()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.RedPixelPng);
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            loader.LoadAsync([sources.All[4], TestImages.Png(2, 2, SkiaSharp.SKColors.Red), new UriContent(new Uri("ftp://files.example/p.png"), "image/png")]));

        Assert.Contains("Input 2 is a 'ftp' URI", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Refuses_content_that_is_not_an_image_naming_the_input()
    {
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions());

        var text = await Assert.ThrowsAsync<ArgumentException>(() => loader.LoadAsync([TestImages.Png(2, 2, SkiaSharp.SKColors.Red), new TextContent("x")]));
        var data = await Assert.ThrowsAsync<ArgumentException>(() => loader.LoadAsync([new UriContent(new Uri("data:image/png;base64,bm90IGFuIGltYWdl"), "image/png")]));

        Assert.Contains("Input 1 is TextContent", text.Message, StringComparison.Ordinal);
        Assert.Contains("Input 0 (data: URI, image/png) is not a PNG", data.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_http_image_over_the_size_cap_with_a_typed_error_naming_the_input()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/big.png", LoopbackServer.File(TestImages.Noise(64, 64), "image/png")));
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions { MaxBytes = 1000 });

        var error = await Assert.ThrowsAsync<ImageLoadException>(() =>
            loader.LoadAsync([TestImages.Png(2, 2, SkiaSharp.SKColors.Red), new UriContent(host["big.png"], "image/png")]));

        Assert.Equal(1, error.InputIndex);
        Assert.Equal(new InputRange(1, 1), error.FailedInputs);
        Assert.Contains("larger than the 1000-byte limit", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Refuses_a_file_over_the_size_cap_without_reading_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"big-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, TestImages.Noise(64, 64));
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions { MaxBytes = 1000 });
        try
        {
            var error = await Assert.ThrowsAsync<ImageLoadException>(() => loader.LoadAsync([new UriContent(new Uri(path), "image/png")]));

            Assert.Equal(0, error.InputIndex);
            Assert.Contains("larger than the 1000-byte limit", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Names_the_input_whose_file_is_missing()
    {
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions());
        var missing = new Uri(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.png"));

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => loader.LoadAsync([TestImages.Png(2, 2, SkiaSharp.SKColors.Red), new UriContent(missing, "image/png")]));

        Assert.Equal(1, error.InputIndex);
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gives_up_on_a_stalled_download_once_the_timeout_has_passed_on_the_clock()
    {
        await using var host = await LoopbackServer.StartAsync(app => app.MapGet("/stalled.png", async (HttpContext context) =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default)));
        var clock = new FakeTimeProvider();
        var loader = new ImageInputLoader("Test", new ImageDownloadOptions { Timeout = TimeSpan.FromSeconds(30), TimeProvider = clock });

        var pending = loader.LoadAsync([TestImages.Png(2, 2, SkiaSharp.SKColors.Red), TestImages.Png(2, 2, SkiaSharp.SKColors.Red), new UriContent(host["stalled.png"], "image/png")]);
        await host.NextRequestAsync();
        var waited = await StallingServer.AdvanceUntilDoneAsync(clock, pending);

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => pending);
        Assert.Equal(2, error.InputIndex);
        Assert.Contains("did not download within 30 s", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsRetryable);
        Assert.InRange(waited, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void Names_each_bad_limit_and_its_owner()
    {
        var errors = new ImageDownloadOptions { Timeout = TimeSpan.Zero, MaxBytes = 0 }.GetValidationErrors("PageOptions").ToList();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("PageOptions.ImageDownload.", e, StringComparison.Ordinal));
    }
}

using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SvRay.Tests.Support;
using SkiaSharp;

namespace Providers.SvRay.Tests.Images;

/// <summary>The input contract every page generator shares (Core's ImageInputLoader), and its checks ahead of batching.</summary>
public sealed class PageImageInputTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public PageImageInputTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task A_page_gives_the_same_multi_vectors_as_bytes_data_uri_file_uri_and_http_url()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.Noise(56, 84));
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync(sources.All);

        Assert.Equal(sources.All.Count, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(embeddings[0].Vectors.ToArray(), e.Vectors.ToArray()));
        Assert.Equal(1, sources.Host.RequestCount);
    }

    [Fact]
    public async Task An_image_gives_the_same_vector_as_bytes_data_uri_file_uri_and_http_url()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.Noise(32, 32));
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync(sources.All);

        Assert.All(embeddings, e => Assert.Equal(embeddings[0].Vector.ToArray(), e.Vector.ToArray()));
    }

    [Fact]
    public async Task Batching_sends_no_page_when_input_7_of_10_is_not_an_image()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.RedPixelPng);
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>())
            .AsBuilder().UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (2, 1)).Build();
        var pages = Enumerable.Range(0, 10).Select(i => i == 3 ? sources.All[4] : TestImages.Png(8, 8, SKColors.Red)).ToList();
        pages[7] = new TextContent("not a page");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(pages));

        Assert.Contains("Input 7 is TextContent", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
        Assert.Equal(0, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Batching_sends_nothing_when_input_7_of_10_has_an_unsupported_scheme()
    {
        using var generator = new SvRayImageEmbeddingGenerator(_fixture.Options<SvRayImageEmbeddingOptions>())
            .AsBuilder().UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (2, 1)).Build();
        var inputs = Enumerable.Range(0, 10).Select(i => (AIContent)new TextContent($"caption {i}")).ToList();
        inputs[7] = new UriContent(new Uri("ftp://files.example/page.png"), "image/png");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(inputs));

        Assert.Contains("Input 7 is a 'ftp' URI", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Batching_sends_no_text_when_input_7_of_10_is_null()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>())
            .AsBuilder().UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (2, 1)).Build();
        var texts = Enumerable.Range(0, 10).Select(i => i == 7 ? null! : $"passage {i}").ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(texts));

        Assert.Contains("Input 7 is null", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Reports_a_download_too_large_with_the_index_of_the_page()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.Noise(64, 64));
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(
            _fixture.Options<SvRayImageMultiVectorEmbeddingOptions>(o => o.ImageDownload.MaxBytes = 1000));

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([TestImages.Png(8, 8, SKColors.Red), sources.All[4]]));

        Assert.Equal(1, error.InputIndex);
        Assert.Equal("SvRay", error.ServiceName);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Batching_names_a_page_that_fails_to_download_by_its_place_in_the_callers_list()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.Noise(64, 64));
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(
                _fixture.Options<SvRayImageMultiVectorEmbeddingOptions>(o => o.ImageDownload.MaxBytes = 1000))
            .AsBuilder()
            .UseBatching(o => (o.MaxBatchSize, o.MaxConcurrency) = (2, 1))
            .Build();
        AIContent[] pages = [.. Enumerable.Range(0, 5).Select(_ => TestImages.Png(8, 8, SKColors.Red)), sources.All[4]];

        var error = await Assert.ThrowsAsync<BatchFailedException>(() => generator.GenerateAsync(pages));

        Assert.Equal(new InputRange(5, 1), error.FailedInputs);
        Assert.Contains("at input 5 of the call (input 1 of the batch)", error.Message, StringComparison.Ordinal);
        Assert.IsType<ImageLoadException>(error.InnerException);
    }
}

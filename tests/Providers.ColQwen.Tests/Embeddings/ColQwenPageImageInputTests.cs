using Microsoft.Extensions.AI;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using SkiaSharp;

namespace Providers.ColQwen.Tests.Embeddings;

/// <summary>The input contract every page generator shares (Core's ImageInputLoader), and its checks ahead of batching.</summary>
public sealed class ColQwenPageImageInputTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ColQwenPageImageInputTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task A_page_gives_the_same_vectors_as_bytes_data_uri_file_uri_and_http_url()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.Noise(56, 84));
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync(sources.All);

        Assert.Equal(sources.All.Count, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(embeddings[0].Vectors.ToArray(), e.Vectors.ToArray()));
        Assert.All(embeddings, e => Assert.Equal(embeddings[0].ImagePatches, e.ImagePatches));
        Assert.Equal(1, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Stands_in_for_an_IEmbeddingGenerator_of_DataContent()
    {
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>());

        // Contravariance: a generator of AIContent is a generator of DataContent, so code typed to bytes keeps working.
        IEmbeddingGenerator<DataContent, MultiVectorEmbedding> bytesOnly = generator;
        var embeddings = await bytesOnly.GenerateAsync([TestImages.Png(56, 84, SKColors.Red)]);

        Assert.Single(embeddings);
    }

    [Fact]
    public async Task Batching_sends_no_page_when_input_7_of_10_is_not_an_image()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.RedPixelPng);
        using var generator = new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>())
            .AsBuilder().UseColQwenBatching(maxBatchSize: 2).Build();
        var pages = Enumerable.Range(0, 10).Select(i => i == 3 ? sources.All[4] : TestImages.Png(56, 56, SKColors.Red)).ToList();
        pages[7] = new DataContent("%PDF-1.7"u8.ToArray(), "application/pdf");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(pages));

        Assert.Contains("Input 7 (application/pdf) is not a PNG", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
        Assert.Equal(0, sources.Host.RequestCount);
    }

    [Fact]
    public async Task Batching_of_a_DataContent_pipeline_finds_the_check_too()
    {
        using var generator = new EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding>(
            new ColQwenImageEmbeddingGenerator(_fixture.Options<ColQwenImageEmbeddingOptions>())).UseColQwenBatching(maxBatchSize: 2).Build();
        var pages = Enumerable.Range(0, 10).Select(_ => TestImages.Png(56, 56, SKColors.Red)).ToList();
        pages[7] = new DataContent("not a page"u8.ToArray(), "image/png");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(pages));

        Assert.Contains("Input 7", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Batching_sends_nothing_when_other_dimensions_are_asked_for()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>())
            .AsBuilder().UseColQwenBatching(maxBatchSize: 2).Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(Enumerable.Range(0, 10).Select(i => $"query {i}"), new EmbeddingGenerationOptions { Dimensions = 64 }));

        Assert.Contains("64 were requested", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Batching_sends_no_query_when_query_7_of_10_is_null()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>())
            .AsBuilder().UseColQwenBatching(maxBatchSize: 2).Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(Enumerable.Range(0, 10).Select(i => i == 7 ? null! : $"query {i}")));

        Assert.Contains("Query 7 is null", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Reports_a_download_too_large_with_the_index_of_the_page()
    {
        await using var sources = await PageImageSources.StartAsync(TestImages.Noise(64, 64));
        var options = _fixture.Options<ColQwenImageEmbeddingOptions>();
        options.ImageDownload.MaxBytes = 1000;
        using var generator = new ColQwenImageEmbeddingGenerator(options);

        var error = await Assert.ThrowsAsync<ImageLoadException>(() => generator.GenerateAsync([TestImages.Png(56, 56, SKColors.Red), sources.All[4]]));

        Assert.Equal(1, error.InputIndex);
        Assert.Equal(ColQwenClient.ServiceName, error.ServiceName);
        Assert.Empty(_fixture.Requests);
    }
}

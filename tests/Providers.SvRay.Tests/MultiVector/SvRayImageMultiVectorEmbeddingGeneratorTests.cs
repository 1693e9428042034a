using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SvRay.Tests.Support;
using SkiaSharp;
using Snapshooter.Xunit;

namespace Providers.SvRay.Tests.MultiVector;

public sealed class SvRayImageMultiVectorEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SvRayImageMultiVectorEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_ColPali_model_and_the_pages_as_plain_base64()
    {
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>());

        await generator.GenerateAsync([new DataContent(TestImages.RedPixelPng, "image/png")]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/embed-image/v1/multivector-embeddings", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Returns_one_128_dimensional_vector_per_patch_for_each_page()
    {
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync([TestImages.Png(1024, 768, SKColors.White), TestImages.Png(512, 512, SKColors.Black)]);

        Assert.Equal([32 * 24, 18 * 18], embeddings.Select(e => e.TokenCount));
        Assert.All(embeddings, e => Assert.Equal(128, e.Dimensions));
    }

    [Fact]
    public async Task Sends_at_most_8_pages_per_request_with_SvRay_batching()
    {
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>())
            .AsBuilder().UseSvRayBatching().Build();
        var pages = Enumerable.Range(0, 20).Select(i => TestImages.Png(8, 8, new SKColor((byte)(i * 10), 0, 0))).ToList();

        var embeddings = await generator.GenerateAsync(pages);

        Assert.Equal(20, embeddings.Count);
        Assert.Equal(3, _fixture.Requests.Count);
        Assert.All(_fixture.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task Reports_the_deployments_refusal_of_more_than_8_pages_without_batching()
    {
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>());
        var pages = Enumerable.Range(0, 9).Select(_ => new DataContent(TestImages.RedPixelPng, "image/png")).ToList();

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(pages));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("At most 8 images", error.Message);
    }

    [Fact]
    public async Task Refuses_text_naming_the_input_before_sending_anything()
    {
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync([new DataContent(TestImages.RedPixelPng, "image/png"), new TextContent("a query")]));

        Assert.Contains("Input 1 is TextContent", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Names_the_inputs_of_a_batch_that_still_fails_after_its_retries()
    {
        _fixture.Faults("embed-image/v1/multivector-embeddings").FailNext(5, 503);
        using var generator = new SvRayImageMultiVectorEmbeddingGenerator(_fixture.Options<SvRayImageMultiVectorEmbeddingOptions>())
            .AsBuilder().UseSvRayBatching().UseRetry(o => (o.MaxAttempts, o.BaseDelay) = (2, TimeSpan.FromMilliseconds(10))).Build();
        var pages = Enumerable.Range(0, 10).Select(_ => new DataContent(TestImages.RedPixelPng, "image/png")).ToList();

        var error = await Assert.ThrowsAsync<BatchFailedException>(() => generator.GenerateAsync(pages));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.NotNull(error.FailedInputs);
    }

    [Fact]
    public void Defaults_to_colpali_and_a_120_second_timeout()
    {
        var options = new SvRayImageMultiVectorEmbeddingOptions();

        Assert.Equal("vidore/colpali-v1.3", options.ModelId);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Timeout);
    }
}

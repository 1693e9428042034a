using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core;
using Providers.SvRay.Tests.Support;

namespace Providers.SvRay.Tests.DependencyInjection;

public sealed class SvRayEmbeddingServiceCollectionExtensionsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SvRayEmbeddingServiceCollectionExtensionsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Registers_all_four_generators_from_one_configuration_section_each_with_its_own_default_model()
    {
        var section = Configuration(new() { ["Providers:SvRay:Endpoint"] = _fixture.Emulator.SvRayBaseUrl.ToString() });
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(section);
        services.AddSvRayEmbeddingGenerator();
        services.AddSvRayImageEmbeddingGenerator();
        services.AddSvRayMultiVectorEmbeddingGenerator();
        services.AddSvRayImageMultiVectorEmbeddingGenerator();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(SvRayEmbeddingOptions.DefaultModelId, DefaultModel<string, Embedding<float>>(provider));
        Assert.Equal(SvRayImageEmbeddingOptions.DefaultModelId, DefaultModel<AIContent, Embedding<float>>(provider));
        Assert.Equal(SvRayMultiVectorEmbeddingOptions.DefaultModelId, DefaultModel<string, MultiVectorEmbedding>(provider));
        Assert.Equal(SvRayImageMultiVectorEmbeddingOptions.DefaultModelId, DefaultModel<AIContent, MultiVectorEmbedding>(provider));
    }

    [Fact]
    public async Task Batches_50_texts_per_request_by_default()
    {
        var services = new ServiceCollection();
        services.AddSvRayEmbeddingGenerator(o => o.Endpoint = _fixture.Emulator.SvRayBaseUrl);
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(Enumerable.Range(0, 101).Select(i => $"text {i}"));

        Assert.Equal(101, embeddings.Count);
        Assert.Equal(3, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Batches_8_pages_per_request_by_default()
    {
        var services = new ServiceCollection();
        services.AddSvRayImageMultiVectorEmbeddingGenerator(o => o.Endpoint = _fixture.Emulator.SvRayBaseUrl);
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<AIContent, MultiVectorEmbedding>>();

        var embeddings = await generator.GenerateAsync(Enumerable.Range(0, 9).Select(_ => new DataContent(TestImages.RedPixelPng, "image/png")));

        Assert.Equal(9, embeddings.Count);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Chains_retry_after_the_default_batching()
    {
        _fixture.Faults("embed-text/v1/embeddings").FailNext(1, 503, retryAfter: "0");
        var services = new ServiceCollection();
        services.AddSvRayEmbeddingGenerator(o => o.Endpoint = _fixture.Emulator.SvRayBaseUrl).UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10));
        await using var provider = services.BuildServiceProvider();

        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["a"]);

        Assert.Single(embeddings);
    }

    [Fact]
    public async Task Binds_the_image_download_limits_from_a_nested_section()
    {
        var configuration = Configuration(new()
        {
            ["Providers:SvRay:Endpoint"] = "http://127.0.0.1:1/",
            ["Providers:SvRay:ImageDownload:MaxBytes"] = "1234",
            ["Providers:SvRay:ImageDownload:Timeout"] = "00:00:05",
            ["Providers:SvRay:InputType"] = "image",
        });
        var services = new ServiceCollection();
        services.AddSingleton(configuration).AddSvRayImageEmbeddingGenerator();
        await using var provider = services.BuildServiceProvider();

        // Each registration has options of its own, named Providers.{client}.
        var options = provider.GetRequiredService<IOptionsMonitor<SvRayImageEmbeddingOptions>>().Get("Providers.SvRayImageEmbeddingGenerator");

        Assert.Equal(1234, options.ImageDownload.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ImageDownload.Timeout);
        Assert.Equal("image", options.InputType);
    }

    [Fact]
    public async Task Gives_a_keyed_registration_its_own_options()
    {
        var services = new ServiceCollection();
        services.AddKeyedSvRayMultiVectorEmbeddingGenerator("queries", o => (o.Endpoint, o.IsQuery) = (_fixture.Emulator.SvRayBaseUrl, true));
        services.AddKeyedSvRayMultiVectorEmbeddingGenerator("documents", o => o.Endpoint = _fixture.Emulator.SvRayBaseUrl);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IEmbeddingGenerator<string, MultiVectorEmbedding>>("queries").GenerateAsync(["q"]);
        await provider.GetRequiredKeyedService<IEmbeddingGenerator<string, MultiVectorEmbedding>>("documents").GenerateAsync(["d"]);

        Assert.Collection(
            _fixture.Requests,
            r => Assert.Contains("\"is_query\":true", r.Body),
            r => Assert.Contains("\"is_query\":false", r.Body));
    }

    [Fact]
    public async Task Fails_at_start_naming_the_missing_endpoint_and_the_configuration_section()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Configuration(new())).AddSvRayImageEmbeddingGenerator();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SvRayImageEmbeddingOptions.Endpoint is required", error.Message);
        Assert.Contains("Providers:SvRay", error.Message);
    }

    private static string? DefaultModel<TInput, TEmbedding>(IServiceProvider provider)
        where TEmbedding : Embedding =>
        provider.GetRequiredService<IEmbeddingGenerator<TInput, TEmbedding>>().GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

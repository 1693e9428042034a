using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using SkiaSharp;

namespace Providers.ColQwen.Tests.DependencyInjection;

public sealed class ColQwenServiceCollectionExtensionsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ColQwenServiceCollectionExtensionsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Registers_the_query_and_image_generators_and_the_client_from_one_section()
    {
        var services = new ServiceCollection();
        var section = Section(new() { ["Providers:ColQwen:Endpoint"] = _fixture.Emulator.ColQwenBaseUrl.ToString() });
        services.AddSingleton<IConfiguration>(section);
        services.AddColQwenEmbeddingGenerator();
        services.AddColQwenImageEmbeddingGenerator();
        services.AddColQwenClient();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var queries = await provider.GetRequiredService<IEmbeddingGenerator<string, MultiVectorEmbedding>>().GenerateAsync(["cat"]);
        var pages = await provider.GetRequiredService<IEmbeddingGenerator<AIContent, MultiVectorEmbedding>>().GenerateAsync([TestImages.Png(8, 8, SKColors.Red)]);
        var health = await provider.GetRequiredService<ColQwenClient>().GetHealthAsync();

        Assert.Single(queries);
        Assert.Single(pages);
        Assert.True(health.IsHealthy);
    }

    [Fact]
    public async Task Gives_each_registration_its_own_timeout_default()
    {
        var services = new ServiceCollection();
        var section = Section(new() { ["Providers:ColQwen:Endpoint"] = "http://127.0.0.1:7000/" });
        services.AddSingleton<IConfiguration>(section);
        services.AddColQwenEmbeddingGenerator();
        services.AddColQwenImageEmbeddingGenerator();
        services.AddColQwenClient();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(60), provider.GetRequiredService<IOptionsMonitor<ColQwenQueryEmbeddingOptions>>().Get("Providers.ColQwenEmbeddingGenerator").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(120), provider.GetRequiredService<IOptionsMonitor<ColQwenImageEmbeddingOptions>>().Get("Providers.ColQwenImageEmbeddingGenerator").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(60), provider.GetRequiredService<IOptionsMonitor<ColQwenOptions>>().Get("Providers.ColQwenClient").Timeout);
    }

    [Fact]
    public async Task Sends_8_pages_per_request_by_default()
    {
        var services = new ServiceCollection();
        services.AddColQwenImageEmbeddingGenerator(o => o.Endpoint = _fixture.Emulator.ColQwenBaseUrl);
        await using var provider = services.BuildServiceProvider();

        var pages = await provider.GetRequiredService<IEmbeddingGenerator<AIContent, MultiVectorEmbedding>>()
            .GenerateAsync(Enumerable.Range(0, 9).Select(_ => TestImages.Png(8, 8, SKColors.Red)));

        Assert.Equal(9, pages.Count);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Resolves_keyed_registrations_with_their_own_options()
    {
        var services = new ServiceCollection();
        services.AddKeyedColQwenClient("gpu", o => o.Endpoint = _fixture.Emulator.ColQwenBaseUrl);
        services.AddKeyedColQwenEmbeddingGenerator("gpu", o => o.Endpoint = _fixture.Emulator.ColQwenBaseUrl);
        services.AddKeyedColQwenClient("cpu", o => o.Endpoint = new Uri("http://127.0.0.1:7001/"));
        await using var provider = services.BuildServiceProvider();

        var gpu = provider.GetRequiredKeyedService<ColQwenClient>("gpu");
        var cpu = provider.GetRequiredKeyedService<ColQwenClient>("cpu");
        var generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, MultiVectorEmbedding>>("gpu");

        Assert.Equal(_fixture.Emulator.ColQwenBaseUrl, gpu.BaseAddress);
        Assert.Equal(new Uri("http://127.0.0.1:7001/"), cpu.BaseAddress);
        Assert.Single(await generator.GenerateAsync(["cat"]));
    }

    [Fact]
    public async Task Fails_at_start_naming_the_missing_endpoint_and_the_configuration_section()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Section([])).AddColQwenImageEmbeddingGenerator();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ColQwenImageEmbeddingOptions.Endpoint is required", error.Message);
        Assert.Contains("Providers:ColQwen", error.Message);
    }

    private static IConfiguration Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

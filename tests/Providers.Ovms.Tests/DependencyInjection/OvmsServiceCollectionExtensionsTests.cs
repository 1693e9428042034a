using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core;

namespace Providers.Ovms.Tests.DependencyInjection;

public sealed class OvmsServiceCollectionExtensionsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public OvmsServiceCollectionExtensionsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Registers_the_generator_and_the_readiness_rerank_and_model_clients_from_one_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Ovms:Endpoint"] = _fixture.Emulator.OvmsBaseUrl.AbsoluteUri,
            ["Providers:Ovms:RerankModelId"] = "BAAI/bge-reranker-large",
            ["Providers:Ovms:EmbeddingEncoding"] = "Float",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration).AddOvmsEmbeddingGenerator().UseBatching();
        services.AddOvmsReadinessClient();
        services.AddOvmsRerankClient();
        services.AddOvmsModelCatalog();
        services.AddOvmsTokenizeClient();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<OvmsReadinessClient>().WaitUntilReadyAsync();
        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["hello world"]);
        var ranked = await provider.GetRequiredService<OvmsRerankClient>().RerankAsync("hello", ["hello world", "bye"]);
        var models = await provider.GetRequiredService<OvmsModelCatalog>().ListModelsAsync();
        var tokens = await provider.GetRequiredService<OvmsTokenizeClient>().TokenizeAsync("hello world");

        Assert.Equal(1024, embeddings[0].Vector.Length);
        Assert.Contains("\"encoding_format\":\"float\"", _fixture.Requests.Single(r => r.Path == "/v3/embeddings").Body, StringComparison.Ordinal);
        Assert.Equal(2, ranked.Count);
        Assert.Equal(2, models.Count);
        Assert.Equal(101, tokens[0]);   // the gte graph's [CLS]
        Assert.Contains(_fixture.Requests, r => r.Path == "/v3/tokenize");
        Assert.Same(provider.GetRequiredService<OvmsReadinessClient>(), provider.GetRequiredService<OvmsReadinessClient>());
    }

    [Fact]
    public async Task Registers_keyed_clients()
    {
        var services = new ServiceCollection();
        services.AddKeyedOvmsEmbeddingGenerator("gte", o => o.Endpoint = _fixture.Emulator.OvmsBaseUrl);
        services.AddKeyedOvmsReadinessClient("gte", o => o.Endpoint = _fixture.Emulator.OvmsBaseUrl);
        services.AddKeyedOvmsTokenizeClient("gte", o => o.Endpoint = _fixture.Emulator.OvmsBaseUrl);
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("gte").GetService<OvmsEmbeddingGenerator>());
        Assert.True(await provider.GetRequiredKeyedService<OvmsReadinessClient>("gte").IsServerReadyAsync());
        Assert.NotEmpty(await provider.GetRequiredKeyedService<OvmsTokenizeClient>("gte").TokenizeAsync("hello"));
    }

    [Fact]
    public async Task Fails_at_start_naming_the_missing_endpoint_and_model()
    {
        var services = new ServiceCollection();
        services.AddOvmsEmbeddingGenerator(o => o.EmbeddingModelId = "");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("OvmsOptions.Endpoint is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("OvmsOptions.EmbeddingModelId must not be empty", error.Message, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Providers.Spirit.Tests.Proxy;

public sealed class SpiritProxyServiceCollectionExtensionsTests : IClassFixture<ProxyEmulatorFixture>
{
    private readonly ProxyEmulatorFixture _fixture;

    public SpiritProxyServiceCollectionExtensionsTests(ProxyEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Registers_the_OpenAI_and_Ollama_clients_under_keys_from_one_section()
    {
        var services = ServicesWithProxySection();
        services.AddKeyedSpiritProxyChatClient("openai");
        services.AddKeyedSpiritOllamaChatClient("ollama");
        await using var provider = services.BuildServiceProvider();

        var openAi = await provider.GetRequiredKeyedService<IChatClient>("openai").GetResponseAsync("Hello?");
        var ollama = await provider.GetRequiredKeyedService<IChatClient>("ollama").GetResponseAsync("Hello?");

        Assert.Equal(["/v1/chat/completions", "/api/chat"], _fixture.Requests.Select(r => r.Path));
        Assert.Equal("llama3.2", openAi.ModelId);
        Assert.Equal("llama3.2", ollama.ModelId);
    }

    [Fact]
    public async Task Registers_both_embedding_routes_and_the_Ollama_client_from_one_section()
    {
        var services = ServicesWithProxySection();
        services.AddKeyedSpiritProxyEmbeddingGenerator("openai");
        services.AddKeyedSpiritOllamaEmbeddingGenerator("ollama");
        services.AddSpiritOllamaClient();
        await using var provider = services.BuildServiceProvider();

        var openAi = await provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("openai").GenerateAsync(["a", "b"]);
        var ollama = await provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("ollama").GenerateAsync(["a", "b"]);
        var models = await provider.GetRequiredService<SpiritOllamaClient>().ListModelsAsync();

        Assert.Equal(["/v1/embeddings", "/api/embed", "/api/tags"], _fixture.Requests.Select(r => r.Path));
        Assert.Equal(2, openAi.Count);
        Assert.Equal(2, ollama.Count);
        Assert.NotEmpty(models);
    }

    [Fact]
    public async Task Registers_the_Ollama_client_as_the_chat_client()
    {
        var services = new ServiceCollection();
        services.AddSpiritOllamaChatClient(o =>
        {
            o.Endpoint = _fixture.Emulator.SpiritBaseUrl;
            o.ServerlessId = _fixture.Emulator.Options.SpiritServerlessId;
            o.ApiKey = _fixture.Emulator.Options.SpiritApiKey;
        });
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IChatClient>().GetService<SpiritOllamaChatClient>());
    }

    [Fact]
    public async Task Fails_at_start_naming_the_missing_key_and_id()
    {
        var services = new ServiceCollection();
        services.AddSpiritProxyChatClient(o => o.ModelId = "llama3.2");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SpiritProxyOptions.ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("SpiritProxyOptions.ServerlessId is required", error.Message, StringComparison.Ordinal);
    }

    private ServiceCollection ServicesWithProxySection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:SpiritProxy:Endpoint"] = _fixture.Emulator.SpiritBaseUrl.AbsoluteUri,
            ["Providers:SpiritProxy:ServerlessId"] = _fixture.Emulator.Options.SpiritServerlessId,
            ["Providers:SpiritProxy:ApiKey"] = _fixture.Emulator.Options.SpiritApiKey,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        return services;
    }
}

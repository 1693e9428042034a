using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core;

namespace Providers.SciBox.Tests.DependencyInjection;

public sealed class SciBoxServiceCollectionExtensionsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SciBoxServiceCollectionExtensionsTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Registers_a_chat_client_bound_from_configuration_that_works()
    {
        var services = new ServiceCollection();
        services.AddSciBoxChatClient(Configuration(("ChatModelId", "Qwen2.5-72B-Instruct-AWQ"))).UseRetry();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync("Hello?");

        Assert.NotNull(client.GetService<SciBoxChatClient>());
        Assert.NotNull(client.GetService<RetryingChatClient>());
        Assert.NotEmpty(response.Text);
    }

    [Fact]
    public async Task Registers_an_embedding_generator_and_a_model_catalog_sharing_the_settings()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(("EmbeddingEncoding", "Base64"));
        services.AddSciBoxEmbeddingGenerator(configuration);
        services.AddSciBoxModelCatalog(configuration);
        await using var provider = services.BuildServiceProvider();

        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["a"]);
        var models = await provider.GetRequiredService<SciBoxModelCatalog>().ListModelsAsync();

        Assert.Equal(1024, embeddings[0].Vector.Length);
        Assert.Contains("\"encoding_format\":\"base64\"", _fixture.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains(models, m => m.Id == "bge-m3");
        Assert.Same(provider.GetRequiredService<SciBoxModelCatalog>(), provider.GetRequiredService<SciBoxModelCatalog>());
    }

    [Fact]
    public async Task Registers_keyed_clients_with_their_own_settings()
    {
        var services = new ServiceCollection();
        services.AddKeyedSciBoxChatClient("fast", o => Configure(o, "model-a"));
        services.AddKeyedSciBoxChatClient("slow", o => Configure(o, "model-b"));
        await using var provider = services.BuildServiceProvider();

        var fast = provider.GetRequiredKeyedService<IChatClient>("fast");
        var slow = provider.GetRequiredKeyedService<IChatClient>("slow");

        Assert.Equal("model-a", fast.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal("model-b", slow.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Null(provider.GetService<IChatClient>());
    }

    [Fact]
    public async Task Fails_at_start_naming_the_missing_token_and_the_section()
    {
        var services = new ServiceCollection();
        services.AddSciBoxChatClient(new ConfigurationBuilder().AddInMemoryCollection().Build().GetSection("Providers:SciBox"));
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SciBoxOptions.ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Providers:SciBox'", error.Message, StringComparison.Ordinal);
    }

    private void Configure(SciBoxOptions options, string model)
    {
        options.Endpoint = _fixture.Emulator.SciBoxBaseUrl;
        options.ApiKey = _fixture.Emulator.Options.SciBoxApiKey;
        options.ChatModelId = model;
    }

    private IConfigurationSection Configuration(params (string Key, string Value)[] extra)
    {
        var values = new Dictionary<string, string?>
        {
            ["Providers:SciBox:Endpoint"] = _fixture.Emulator.SciBoxBaseUrl.AbsoluteUri,
            ["Providers:SciBox:ApiKey"] = _fixture.Emulator.Options.SciBoxApiKey,
        };
        foreach (var (key, value) in extra)
        {
            values["Providers:SciBox:" + key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Providers:SciBox");
    }
}

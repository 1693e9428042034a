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
        services.AddSingleton<IConfiguration>(Configuration(("ChatModelId", "Qwen2.5-72B-Instruct-AWQ"))).AddSciBoxChatClient().UseRetry();
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
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSciBoxEmbeddingGenerator();
        services.AddSciBoxModelCatalog();
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
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection().Build()).AddSciBoxChatClient();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SciBoxOptions.ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Providers:SciBox'", error.Message, StringComparison.Ordinal);
    }

    // Issue 11 item 11: "Timeout": "60" bound as 60 days, passed validation, and the first call threw a raw
    // ArgumentOutOfRangeException from CancelAfter.
    [Fact]
    public async Task A_timeout_of_60_in_configuration_fails_at_start_naming_the_setting_the_section_and_the_format()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration(("Timeout", "60")));
        services.AddSciBoxChatClient();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SciBoxOptions.Timeout must be positive and at most 24.20:31:23", error.Message, StringComparison.Ordinal);
        Assert.Contains("got 60.00:00:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"00:01:00\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Providers:SciBox:Timeout' is \"60\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("(configuration section 'Providers:SciBox')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_built_directly_with_a_60_day_timeout_fails_naming_the_options_it_was_given()
    {
        var options = new SciBoxOptions { Endpoint = _fixture.Emulator.SciBoxBaseUrl, ApiKey = "k", Timeout = TimeSpan.FromDays(60) };

        var error = Assert.Throws<ArgumentException>(() => new SciBoxChatClient(options));

        Assert.Contains("SciBoxOptions.Timeout must be positive and at most 24.20:31:23", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(the options passed to the SciBox client)", error.Message, StringComparison.Ordinal);
    }

    // Issue 11 item 12: the chat client and the generator shared one options name, so both got the model of the
    // section bound last.
    [Fact]
    public async Task A_chat_client_and_a_generator_registered_from_two_sections_each_use_their_own()
    {
        var values = new Dictionary<string, string?>
        {
            ["Chat:Endpoint"] = _fixture.Emulator.SciBoxBaseUrl.AbsoluteUri,
            ["Chat:ApiKey"] = _fixture.Emulator.Options.SciBoxApiKey,
            ["Chat:ChatModelId"] = "chat-section-model",
            ["Embeddings:Endpoint"] = _fixture.Emulator.SciBoxBaseUrl.AbsoluteUri,
            ["Embeddings:ApiKey"] = _fixture.Emulator.Options.SciBoxApiKey,
            ["Embeddings:EmbeddingModelId"] = "embeddings-section-model",
        };
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddSciBoxChatClient(configSectionPath: "Chat");
        services.AddSciBoxEmbeddingGenerator(configSectionPath: "Embeddings");
        await using var provider = services.BuildServiceProvider();

        var chat = provider.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>();
        var embeddings = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(("chat-section-model", SciBoxOptions.DefaultEmbeddingModelId), (chat?.DefaultModelId, Options(provider, "Providers.SciBoxChatClient").EmbeddingModelId));
        Assert.Equal(("embeddings-section-model", SciBoxOptions.DefaultChatModelId), (embeddings?.DefaultModelId, Options(provider, "Providers.SciBoxEmbeddingGenerator").ChatModelId));
    }

    // Issue 11 item 12: a registration made only with a delegate said "(configuration section 'Providers:SciBox')".
    [Fact]
    public async Task A_registration_made_with_a_delegate_alone_names_the_delegate_not_a_section()
    {
        var services = new ServiceCollection();
        services.AddSciBoxChatClient(o => o.Endpoint = _fixture.Emulator.SciBoxBaseUrl);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SciBoxOptions.ApiKey is required", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(the options passed to AddSciBoxChatClient)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration section", error.Message, StringComparison.Ordinal);
    }

    // Issue 11 item 12: keys 1 and "1" shared options named "1".
    [Fact]
    public async Task Keys_1_and_string_1_keep_their_own_settings()
    {
        var services = new ServiceCollection();
        services.AddKeyedSciBoxChatClient(1, o => Configure(o, "model-int"));
        services.AddKeyedSciBoxChatClient("1", o => Configure(o, "model-string"));
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("model-int", provider.GetRequiredKeyedService<IChatClient>(1).GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Equal("model-string", provider.GetRequiredKeyedService<IChatClient>("1").GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    private static SciBoxOptions Options(IServiceProvider provider, string registration) =>
        provider.GetRequiredService<IOptionsMonitor<SciBoxOptions>>().Get(registration);

    private void Configure(SciBoxOptions options, string model)
    {
        options.Endpoint = _fixture.Emulator.SciBoxBaseUrl;
        options.ApiKey = _fixture.Emulator.Options.SciBoxApiKey;
        options.ChatModelId = model;
    }

    private IConfiguration Configuration(params (string Key, string Value)[] extra)
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

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}

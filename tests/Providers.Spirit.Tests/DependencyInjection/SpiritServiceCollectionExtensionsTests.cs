using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core;
using Providers.Emulator;
using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.DependencyInjection;

public sealed class SpiritServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Binds_the_job_client_from_configuration_and_runs_against_the_service()
    {
        await using var harness = await SpiritHarness.StartAsync();
        await using var provider = new ServiceCollection().AddSingleton<IConfiguration>(Section(harness)).AddSpiritJobClient().BuildServiceProvider();

        var result = await provider.GetRequiredService<SpiritJobClient>().RunSyncAsync(Json.Parse("""{"text":"bound"}"""));

        Assert.Equal("bound", result.GetJson().GetProperty("text").GetString());
    }

    [Fact]
    public void Validation_at_start_names_each_missing_setting_and_the_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Spirit:Endpoint"] = "http://127.0.0.1:1/",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSpiritJobClient().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("SpiritJobClientOptions.ApiKey is required", StringComparison.Ordinal) && f.Contains("'Providers:Spirit'", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("SpiritJobClientOptions.ServerlessId is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keyed_clients_keep_options_of_their_own()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(Section(harness))
            .AddKeyedSpiritJobClient("main")
            .AddKeyedSpiritJobClient("other", o => o.ServerlessId = "other-endpoint");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<SpiritJobClient>("main").RunSyncAsync(Json.Parse("{}"));
        await Assert.ThrowsAsync<SpiritException>(() => provider.GetRequiredKeyedService<SpiritJobClient>("other").RunSyncAsync(Json.Parse("{}")));

        Assert.Equal(["/v1/emulator-serverless/sync", "/v1/other-endpoint/sync"], harness.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Every_registration_shares_the_one_webhook_registry()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var services = new ServiceCollection()
            .AddSpiritJobClient(options => Configure(harness, options))
            .AddKeyedSpiritJobClient("second", options => Configure(harness, options));
        services.AddSpiritHandlerChatClient(HandlerMappings.Chat(), options => Configure(harness, options));
        await using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<SpiritWebhookRegistry>());
    }

    [Fact]
    public async Task Registers_the_chat_adapter_as_a_chat_client_with_middleware()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).FailNext(1, 503);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(Section(harness)).AddSpiritHandlerChatClient(HandlerMappings.Chat()).UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(1));
        await using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatClient>();

        var response = await chat.GetResponseAsync("Hello");

        Assert.Equal("echo: Hello", response.Text);
        Assert.IsType<RetryingChatClient>(chat);
    }

    [Fact]
    public async Task Registers_a_keyed_embedding_adapter()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        var services = new ServiceCollection();
        services.AddKeyedSpiritHandlerEmbeddingGenerator("vectors", HandlerMappings.Embeddings(), options => Configure(harness, options));
        await using var provider = services.BuildServiceProvider();

        var embeddings = await provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("vectors").GenerateAsync(["abcd"]);

        Assert.Equal(4f, embeddings[0].Vector.Span[0]);
    }

    private static IConfiguration Section(SpiritHarness harness) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Spirit:Endpoint"] = harness.Emulator.SpiritBaseUrl.AbsoluteUri,
            ["Providers:Spirit:ApiKey"] = SpiritHarness.ApiKey,
            ["Providers:Spirit:ServerlessId"] = SpiritHarness.ServerlessId,
            ["Providers:Spirit:PollInterval"] = "00:00:00.020",
        }).Build();

    private static void Configure(SpiritHarness harness, SpiritJobClientOptions options)
    {
        options.Endpoint = harness.Emulator.SpiritBaseUrl;
        options.ApiKey = SpiritHarness.ApiKey;
        options.ServerlessId = SpiritHarness.ServerlessId;
    }
}

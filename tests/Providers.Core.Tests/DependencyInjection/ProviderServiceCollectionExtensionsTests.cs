using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.DependencyInjection;

public sealed class ProviderServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Registers_a_chat_client_bound_from_its_configuration_section()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, Configuration(server, ("Providers:Loopback:ApiKey", "sk-main")).GetSection("Providers:Loopback"));
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Hello", response.Text);
        Assert.Equal("Bearer sk-main", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Keeps_keyed_registrations_apart_each_with_its_own_options()
    {
        await using var server = await StartChatServerAsync();
        var configuration = Configuration(server, ("Providers:Loopback:ApiKey", "sk-main"), ("Providers:Backup:ApiKey", "sk-backup"));
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, configuration.GetSection("Providers:Loopback"));
        AddLoopbackChatClient(services, configuration.GetSection("Providers:Backup"), serviceKey: "backup");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IChatClient>("backup").GetResponseAsync("Hi");
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal(["Bearer sk-backup", "Bearer sk-main"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Applies_the_configure_action_after_binding()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, Configuration(server, ("Providers:Loopback:ApiKey", "sk-from-config")).GetSection("Providers:Loopback"),
            configure: o => o.ApiKey = "sk-from-code");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Bearer sk-from-code", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public void Fails_at_start_naming_the_missing_setting_and_its_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Providers:Backup:Endpoint", "http://127.0.0.1:9/")]).Build();
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, configuration.GetSection("Providers:Backup"), serviceKey: "backup");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("LoopbackOptions.ApiKey is required. (configuration section 'Providers:Backup')", error.Message);
    }

    [Fact]
    public void Names_the_default_section_when_options_come_from_code_alone()
    {
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, configuration: null, configure: o => o.ApiKey = "sk-code");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("LoopbackOptions.Endpoint is required: set it to the service's base URL. (configuration section 'Providers:Loopback')", error.Message);
    }

    [Fact]
    public async Task Returns_a_builder_that_chains_middleware()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, Configuration(server, ("Providers:Loopback:ApiKey", "k")).GetSection("Providers:Loopback")).UseRetry();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<RetryingChatClient>());
        Assert.NotNull(client.GetService<LoopbackChatClient>());
    }

    [Fact]
    public async Task Gives_the_provider_a_factory_HttpClient_without_HttpClients_own_timeout()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        HttpClient? received = null;
        services.AddProviderChatClient<LoopbackOptions>("Loopback", null, Configuration(server, ("Providers:Loopback:ApiKey", "k")).GetSection("Providers:Loopback"), null,
            (httpClient, options) =>
            {
                received = httpClient;
                return CreateChatClient(httpClient, options);
            });
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IChatClient>();

        Assert.Equal(Timeout.InfiniteTimeSpan, received!.Timeout);
    }

    [Fact]
    public async Task Registers_an_embedding_generator_that_chains_batching()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", EmbeddingsJson.OnePerInputAsync));
        var services = new ServiceCollection();
        services.AddProviderEmbeddingGenerator<LoopbackOptions, string, Embedding<float>>(
                "Loopback", null, Configuration(server, ("Providers:Loopback:ApiKey", "k")).GetSection("Providers:Loopback"), null,
                (httpClient, options) => new OpenAICompatibleEmbeddingGenerator(CreateServiceClient(httpClient, options), "v1/embeddings", "m", EmbeddingEncoding.Float))
            .UseBatching(o => o.MaxBatchSize = 2);
        await using var provider = services.BuildServiceProvider();

        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["a", "b", "c"]);

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Registers_any_other_client_as_a_singleton_keyed_or_not()
    {
        await using var server = await StartChatServerAsync();
        var configuration = Configuration(server, ("Providers:Loopback:ApiKey", "k"), ("Providers:Backup:ApiKey", "k2"));
        var services = new ServiceCollection();
        services.AddProviderClient<LoopbackOptions, ServiceHttpClient>("Loopback", null, configuration.GetSection("Providers:Loopback"), null, CreateServiceClient);
        services.AddProviderClient<LoopbackOptions, ServiceHttpClient>("Loopback", "backup", configuration.GetSection("Providers:Backup"), null, CreateServiceClient);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ServiceHttpClient>();
        var backup = provider.GetRequiredKeyedService<ServiceHttpClient>("backup");

        Assert.Same(client, provider.GetRequiredService<ServiceHttpClient>());
        Assert.NotSame(client, backup);
        Assert.Equal(("Bearer ***", "Bearer ***"), (client.Authentication.ToString(), backup.Authentication.ToString()));
    }

    private static ChatClientBuilder AddLoopbackChatClient(
        IServiceCollection services, IConfiguration? configuration, Action<LoopbackOptions>? configure = null, object? serviceKey = null) =>
        services.AddProviderChatClient<LoopbackOptions>("Loopback", serviceKey, configuration, configure, CreateChatClient);

    private static LoopbackChatClient CreateChatClient(HttpClient httpClient, LoopbackOptions options) => new(CreateServiceClient(httpClient, options));

    private static ServiceHttpClient CreateServiceClient(HttpClient httpClient, LoopbackOptions options) =>
        new("Loopback", httpClient, options.GetBaseAddress(), ServiceAuthentication.Bearer(options.ApiKey), options.Timeout);

    private static Task<LoopbackServer> StartChatServerAsync() =>
        LoopbackServer.StartAsync(app => app.MapPost("/" + LoopbackChatClient.Path, () => Results.Text("""{"text":"Hello"}""", "application/json")));

    private static IConfiguration Configuration(LoopbackServer server, params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection([
                new("Providers:Loopback:Endpoint", server.BaseAddress.ToString()),
                new("Providers:Backup:Endpoint", server.BaseAddress.ToString()),
                .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
            ])
            .Build();
}

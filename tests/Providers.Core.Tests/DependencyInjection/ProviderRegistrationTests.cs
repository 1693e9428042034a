using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core.DependencyInjection;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.DependencyInjection;

public sealed class ProviderRegistrationTests
{
    [Fact]
    public async Task Binds_the_default_section_of_the_applications_configuration()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "sk-main"));
        AddLoopbackChatClient(services);
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Hello", response.Text);
        Assert.Equal("Bearer sk-main", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Works_from_the_delegate_alone_in_an_application_without_configuration()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, o => (o.Endpoint, o.ApiKey) = (server.BaseAddress, "sk-code"));
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Bearer sk-code", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task Applies_the_delegate_after_binding()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "sk-from-config"));
        AddLoopbackChatClient(services, o => o.ApiKey = "sk-from-code");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Bearer sk-from-code", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task A_string_key_binds_its_own_subsection_over_the_shared_section()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "sk-main"), ("Providers:Loopback:backup:ApiKey", "sk-backup"));
        AddLoopbackChatClient(services);
        AddKeyedLoopbackChatClient(services, "backup");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IChatClient>("backup").GetResponseAsync("Hi");
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal(["Bearer sk-backup", "Bearer sk-main"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Reads_the_section_the_caller_names()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "sk-main"), ("Providers:Backup:ApiKey", "sk-backup"));
        AddLoopbackChatClient(services, configSectionPath: "Providers:Backup");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal("Bearer sk-backup", Assert.Single(server.Requests).Authorization);
    }

    // Issue 11 item 12: a chat client and a generator of one provider shared one options name, so both used the
    // settings of whichever section was bound last.
    [Fact]
    public async Task A_chat_client_and_a_generator_of_one_provider_keep_the_settings_of_their_own_sections()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/" + LoopbackChatClient.Path, () => Results.Text("""{"text":"Hello"}""", "application/json"));
            app.MapPost("/v1/embeddings", EmbeddingsJson.OnePerInputAsync);
        });
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "sk-chat"), ("Providers:Backup:ApiKey", "sk-embeddings"));
        AddLoopbackChatClient(services);
        AddLoopbackEmbeddingGenerator(services, configSectionPath: "Providers:Backup");
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");
        await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["a"]);

        Assert.Equal(["Bearer sk-chat", "Bearer sk-embeddings"], server.Requests.Select(r => r.Authorization));
    }

    // Issue 11 item 12: options were named after serviceKey.ToString(), so keys 1 and "1" shared one set of options.
    [Fact]
    public async Task Keys_whose_text_matches_keep_their_own_options()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        AddKeyedLoopbackChatClient(services, 1, o => (o.Endpoint, o.ApiKey) = (server.BaseAddress, "sk-int"));
        AddKeyedLoopbackChatClient(services, "1", o => (o.Endpoint, o.ApiKey) = (server.BaseAddress, "sk-string"));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IChatClient>(1).GetResponseAsync("Hi");
        await provider.GetRequiredKeyedService<IChatClient>("1").GetResponseAsync("Hi");

        Assert.Equal(["Bearer sk-int", "Bearer sk-string"], server.Requests.Select(r => r.Authorization));
    }

    // Issue 11 item 12: the empty key's options were the default registration's (both named "").
    [Fact]
    public async Task The_empty_key_keeps_options_apart_from_the_default_registration()
    {
        await using var server = await StartChatServerAsync();
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, o => (o.Endpoint, o.ApiKey) = (server.BaseAddress, "sk-default"));
        AddKeyedLoopbackChatClient(services, "", o => (o.Endpoint, o.ApiKey) = (server.BaseAddress, "sk-empty-key"));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IChatClient>("").GetResponseAsync("Hi");
        await provider.GetRequiredService<IChatClient>().GetResponseAsync("Hi");

        Assert.Equal(["Bearer sk-empty-key", "Bearer sk-default"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public void Fails_at_start_naming_the_missing_setting_and_the_section_it_read()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration([new("Providers:Loopback:backup:Endpoint", "http://127.0.0.1:9/")]));
        AddKeyedLoopbackChatClient(services, "backup");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("LoopbackOptions.ApiKey is required. (configuration section 'Providers:Loopback:backup')", error.Message);
    }

    // Issue 11 item 12: a registration made with a delegate alone reported the section 'Providers:Loopback', which it never read.
    [Fact]
    public void Fails_naming_the_delegate_when_the_options_came_from_code_alone()
    {
        var services = new ServiceCollection();
        AddLoopbackChatClient(services, o => o.ApiKey = "sk-code");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal("LoopbackOptions.Endpoint is required: set it to the service's base URL. (the options passed to AddLoopbackChatClient)", error.Message);
    }

    [Fact]
    public void Fails_naming_both_when_the_section_and_the_delegate_were_used()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration([new("Providers:Loopback:ApiKey", "k")]));
        AddLoopbackChatClient(services, o => o.Timeout = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("(configuration section 'Providers:Loopback', then the options passed to AddLoopbackChatClient)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_saying_nothing_was_found_when_neither_a_section_nor_a_delegate_was_there()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration([]));
        AddLoopbackChatClient(services);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("(no configuration section 'Providers:Loopback' was found and AddLoopbackChatClient was given no options)", error.Message, StringComparison.Ordinal);
    }

    // Issue 11 item 11: "Timeout": "60" bound as 60 days, passed validation, and the first call threw
    // ArgumentOutOfRangeException from CancelAfter.
    [Fact]
    public void A_timeout_written_as_a_bare_number_in_json_configuration_fails_at_start_naming_the_setting_the_section_and_the_format()
    {
        using var json = new MemoryStream("""{"Providers":{"Loopback":{"Endpoint":"http://127.0.0.1:9/","ApiKey":"k","Timeout":"60"}}}"""u8.ToArray());
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddJsonStream(json).Build());
        AddLoopbackChatClient(services);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("'Providers:Loopback:Timeout' is \"60\", which reads as 60 day(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoopbackOptions.Timeout must be positive and at most 24.20:31:23", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"00:01:00\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("(configuration section 'Providers:Loopback')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_idle_timeout_of_a_few_days_written_as_a_bare_number_fails_although_it_is_in_range()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(Configuration(
            [new("Providers:Loopback:Endpoint", "http://127.0.0.1:9/"), new("Providers:Loopback:ApiKey", "k"), new("Providers:Loopback:IdleTimeout", "5")]));
        AddLoopbackChatClient(services);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            "Configuration setting 'Providers:Loopback:IdleTimeout' is \"5\", which reads as 5 day(s): write a TimeSpan, e.g. \"00:01:00\" for one minute or \"1.00:00:00\" for one day.",
            error.Message);
    }

    [Fact]
    public void Rereads_the_section_when_the_configuration_reloads()
    {
        var configuration = Configuration([new("Providers:Loopback:Endpoint", "http://127.0.0.1:9/"), new("Providers:Loopback:ApiKey", "sk-1")]);
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        AddLoopbackChatClient(services);
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<LoopbackOptions>>();
        const string Name = "Providers.LoopbackChatClient"; // the registration's own options name: Providers.{client}
        Assert.Equal("sk-1", monitor.Get(Name).ApiKey);

        configuration["Providers:Loopback:ApiKey"] = "sk-2";
        configuration.Reload();

        Assert.Equal("sk-2", monitor.Get(Name).ApiKey);
    }

    [Fact]
    public async Task Returns_a_builder_that_chains_middleware()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "k"));
        AddLoopbackChatClient(services).UseRetry();
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(client.GetService<RetryingChatClient>());
        Assert.NotNull(client.GetService<LoopbackChatClient>());
    }

    [Fact]
    public async Task Gives_the_provider_a_factory_HttpClient_without_HttpClients_own_timeout()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "k"));
        HttpClient? received = null;
        ProviderRegistration.AddChatClient<LoopbackOptions>(services, "Providers:Loopback", null, (httpClient, options) =>
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
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "k"));
        AddLoopbackEmbeddingGenerator(services).UseBatching(o => o.MaxBatchSize = 2);
        await using var provider = services.BuildServiceProvider();

        var embeddings = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["a", "b", "c"]);

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Registers_any_other_client_as_a_singleton_keyed_or_not()
    {
        await using var server = await StartChatServerAsync();
        var services = WithConfiguration(server, ("Providers:Loopback:ApiKey", "k"));
        ProviderRegistration.AddClient<LoopbackOptions, ServiceHttpClient>(services, "Providers:Loopback", null, CreateServiceClient);
        ProviderRegistration.AddKeyedClient<LoopbackOptions, ServiceHttpClient>(services, "backup", "Providers:Loopback", o => o.ApiKey = "k2", CreateServiceClient);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ServiceHttpClient>();
        var backup = provider.GetRequiredKeyedService<ServiceHttpClient>("backup");

        Assert.Same(client, provider.GetRequiredService<ServiceHttpClient>());
        Assert.NotSame(client, backup);
        Assert.Equal(("Bearer ***", "Bearer ***"), (client.Authentication.ToString(), backup.Authentication.ToString()));
    }

    private static ChatClientBuilder AddLoopbackChatClient(
        IServiceCollection services, Action<LoopbackOptions>? configure = null, string configSectionPath = "Providers:Loopback") =>
        ProviderRegistration.AddChatClient(services, configSectionPath, configure, CreateChatClient);

    private static ChatClientBuilder AddKeyedLoopbackChatClient(
        IServiceCollection services, object serviceKey, Action<LoopbackOptions>? configure = null, string configSectionPath = "Providers:Loopback") =>
        ProviderRegistration.AddKeyedChatClient(services, serviceKey, configSectionPath, configure, CreateChatClient);

    private static EmbeddingGeneratorBuilder<string, Embedding<float>> AddLoopbackEmbeddingGenerator(
        IServiceCollection services, Action<LoopbackOptions>? configure = null, string configSectionPath = "Providers:Loopback") =>
        ProviderRegistration.AddEmbeddingGenerator<LoopbackOptions, string, Embedding<float>>(services, configSectionPath, configure,
            (httpClient, options) => new OpenAICompatibleEmbeddingGenerator(CreateServiceClient(httpClient, options), "v1/embeddings", "m", EmbeddingEncoding.Float));

    private static LoopbackChatClient CreateChatClient(HttpClient httpClient, LoopbackOptions options) => new(CreateServiceClient(httpClient, options));

    private static ServiceHttpClient CreateServiceClient(HttpClient httpClient, LoopbackOptions options) =>
        options.CreateServiceClient("Loopback", httpClient, () => ServiceAuthentication.Bearer(options.ApiKey));

    private static Task<LoopbackServer> StartChatServerAsync() =>
        LoopbackServer.StartAsync(app => app.MapPost("/" + LoopbackChatClient.Path, () => Results.Text("""{"text":"Hello"}""", "application/json")));

    private static IServiceCollection WithConfiguration(LoopbackServer server, params (string Key, string Value)[] settings) =>
        new ServiceCollection().AddSingleton<IConfiguration>(Configuration([
            new("Providers:Loopback:Endpoint", server.BaseAddress.ToString()),
            new("Providers:Backup:Endpoint", server.BaseAddress.ToString()),
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
        ]));

    private static IConfigurationRoot Configuration(IEnumerable<KeyValuePair<string, string?>> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Providers.Core;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The registration every provider's <c>Add*</c> extension shares: named options bound from configuration and validated
/// at start, an <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, and a Microsoft.Extensions.AI builder to
/// chain middleware on. Keyed registrations get their own options and HTTP client, named after the key.
/// </summary>
public static class ProviderServiceCollectionExtensions
{
    /// <summary>Registers a chat client built from validated options and a factory-made <see cref="HttpClient"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="providerName">The provider's name, used to name the options and HTTP client.</param>
    /// <param name="serviceKey">The key for a keyed registration, or <see langword="null"/>.</param>
    /// <param name="configuration">The configuration section to bind, or <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the client.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c> and <c>UseOpenTelemetry</c>.</returns>
    public static ChatClientBuilder AddProviderChatClient<TOptions>(
        this IServiceCollection services, string providerName, object? serviceKey, IConfiguration? configuration,
        Action<TOptions>? configure, Func<HttpClient, TOptions, IChatClient> create)
        where TOptions : ServiceClientOptions
    {
        ArgumentNullException.ThrowIfNull(create);
        var factory = AddProviderParts(services, providerName, serviceKey, configuration, configure, create);
        return serviceKey is null ? services.AddChatClient(factory) : services.AddKeyedChatClient(serviceKey, factory);
    }

    /// <summary>Registers an embedding generator built from validated options and a factory-made <see cref="HttpClient"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="providerName">The provider's name, used to name the options and HTTP client.</param>
    /// <param name="serviceKey">The key for a keyed registration, or <see langword="null"/>.</param>
    /// <param name="configuration">The configuration section to bind, or <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the generator.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> AddProviderEmbeddingGenerator<TOptions, TInput, TEmbedding>(
        this IServiceCollection services, string providerName, object? serviceKey, IConfiguration? configuration,
        Action<TOptions>? configure, Func<HttpClient, TOptions, IEmbeddingGenerator<TInput, TEmbedding>> create)
        where TOptions : ServiceClientOptions
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(create);
        var factory = AddProviderParts(services, providerName, serviceKey, configuration, configure, create);
        return serviceKey is null
            ? services.AddEmbeddingGenerator(factory)
            : services.AddKeyedEmbeddingGenerator(serviceKey, factory);
    }

    /// <summary>Registers any provider client (not a chat client or generator, e.g. a job client) the same way.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="providerName">The provider's name, used to name the options and HTTP client.</param>
    /// <param name="serviceKey">The key for a keyed registration, or <see langword="null"/>.</param>
    /// <param name="configuration">The configuration section to bind, or <see langword="null"/>.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the client.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddProviderClient<TOptions, TClient>(
        this IServiceCollection services, string providerName, object? serviceKey, IConfiguration? configuration,
        Action<TOptions>? configure, Func<HttpClient, TOptions, TClient> create)
        where TOptions : ServiceClientOptions
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(create);
        var factory = AddProviderParts(services, providerName, serviceKey, configuration, configure, create);
        return serviceKey is null
            ? services.AddSingleton(factory)
            : services.AddKeyedSingleton(serviceKey, (sp, _) => factory(sp));
    }

    private static Func<IServiceProvider, TClient> AddProviderParts<TOptions, TClient>(
        IServiceCollection services, string providerName, object? serviceKey, IConfiguration? configuration,
        Action<TOptions>? configure, Func<HttpClient, TOptions, TClient> create)
        where TOptions : ServiceClientOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        string optionsName = serviceKey?.ToString() ?? Options.Options.DefaultName;
        string httpClientName = serviceKey is null ? $"Providers.{providerName}" : $"Providers.{providerName}.{optionsName}";

        var options = services.AddOptions<TOptions>(optionsName);
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        string path = configuration is IConfigurationSection section ? section.Path : $"Providers:{providerName}";
        if (!services.Any(d => d.ImplementationInstance is ServiceClientOptionsValidator<TOptions> v && v.OptionsName == optionsName))
        {
            // One validator per options name: a chat client and a generator of one provider share their options.
            services.AddSingleton<IValidateOptions<TOptions>>(new ServiceClientOptionsValidator<TOptions>(optionsName, path));
        }
        options.ValidateOnStart();

        // The provider applies its own per-request timeout (ServiceClientOptions.Timeout); HttpClient's 100 s default
        // would otherwise cut long streams and slow batches short.
        services.AddHttpClient(httpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).LogWithoutCredentials();

        return sp => create(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName),
            sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(optionsName));
    }
}

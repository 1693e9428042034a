using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.Spirit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Spirit-GPU handler-mode clients: the <see cref="SpiritJobClient"/> and the Microsoft.Extensions.AI adapters
/// over it. Options bind from the application's configuration section (default <c>Providers:Spirit</c>, keys named after
/// the properties of <see cref="SpiritJobClientOptions"/>), then the delegate; they are validated at start. A keyed
/// registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section. Every client shares one
/// <see cref="SpiritWebhookRegistry"/>, which the ASP.NET Core endpoint <c>MapSpiritWebhook</c> feeds.
/// </summary>
public static class SpiritServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:Spirit";

    /// <summary>Registers a singleton <see cref="SpiritJobClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritJobClientOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSpiritJobClient(
        this IServiceCollection services, Action<SpiritJobClientOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath)
    {
        var webhooks = WebhookRegistry(services);
        return ProviderRegistration.AddClient(services, configSectionPath, configure, (HttpClient http, SpiritJobClientOptions options) => new SpiritJobClient(http, options, webhooks));
    }

    /// <summary>Registers a <see cref="SpiritJobClient"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritJobClientOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSpiritJobClient(
        this IServiceCollection services, object serviceKey, Action<SpiritJobClientOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath)
    {
        var webhooks = WebhookRegistry(services);
        return ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, (HttpClient http, SpiritJobClientOptions options) => new SpiritJobClient(http, options, webhooks));
    }

    /// <summary>Registers an <see cref="IChatClient"/> over a handler endpoint (<see cref="SpiritHandlerChatClient"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="handler">How chats map to the handler's input and its output to responses.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritJobClientOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritHandlerChatClient(
        this IServiceCollection services, SpiritHandlerChatOptions handler, Action<SpiritJobClientOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var webhooks = WebhookRegistry(services);
        return ProviderRegistration.AddChatClient<SpiritJobClientOptions>(services, configSectionPath, configure,
            (http, options) => new SpiritHandlerChatClient(new SpiritJobClient(http, options, webhooks), handler));
    }

    /// <summary>Registers a keyed <see cref="IChatClient"/> over a handler endpoint (<see cref="SpiritHandlerChatClient"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="handler">How chats map to the handler's input and its output to responses.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritJobClientOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritHandlerChatClient(
        this IServiceCollection services, object serviceKey, SpiritHandlerChatOptions handler, Action<SpiritJobClientOptions>? configure = null,
        string configSectionPath = DefaultConfigSectionPath)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var webhooks = WebhookRegistry(services);
        return ProviderRegistration.AddKeyedChatClient<SpiritJobClientOptions>(services, serviceKey, configSectionPath, configure,
            (http, options) => new SpiritHandlerChatClient(new SpiritJobClient(http, options, webhooks), handler));
    }

    /// <summary>Registers an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a handler endpoint (<see cref="SpiritHandlerEmbeddingGenerator{TInput}"/>).</summary>
    /// <typeparam name="TInput">The type of the values to embed.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="handler">How values map to the handler's input and its output to vectors.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritJobClientOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddSpiritHandlerEmbeddingGenerator<TInput>(
        this IServiceCollection services, SpiritHandlerEmbeddingOptions<TInput> handler, Action<SpiritJobClientOptions>? configure = null,
        string configSectionPath = DefaultConfigSectionPath)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var webhooks = WebhookRegistry(services);
        return ProviderRegistration.AddEmbeddingGenerator<SpiritJobClientOptions, TInput, Embedding<float>>(services, configSectionPath, configure,
            (http, options) => new SpiritHandlerEmbeddingGenerator<TInput>(new SpiritJobClient(http, options, webhooks), handler));
    }

    /// <summary>Registers a keyed embedding generator over a handler endpoint (<see cref="SpiritHandlerEmbeddingGenerator{TInput}"/>).</summary>
    /// <typeparam name="TInput">The type of the values to embed.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="handler">How values map to the handler's input and its output to vectors.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritJobClientOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddKeyedSpiritHandlerEmbeddingGenerator<TInput>(
        this IServiceCollection services, object serviceKey, SpiritHandlerEmbeddingOptions<TInput> handler, Action<SpiritJobClientOptions>? configure = null,
        string configSectionPath = DefaultConfigSectionPath)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var webhooks = WebhookRegistry(services);
        return ProviderRegistration.AddKeyedEmbeddingGenerator<SpiritJobClientOptions, TInput, Embedding<float>>(services, serviceKey, configSectionPath, configure,
            (http, options) => new SpiritHandlerEmbeddingGenerator<TInput>(new SpiritJobClient(http, options, webhooks), handler));
    }

    /// <summary>The one registry of the app, created with the first registration so that every client's factory can capture it.</summary>
    private static SpiritWebhookRegistry WebhookRegistry(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.LastOrDefault(d => d.ServiceType == typeof(SpiritWebhookRegistry) && !d.IsKeyedService)?.ImplementationInstance is SpiritWebhookRegistry existing)
        {
            return existing;
        }

        var registry = new SpiritWebhookRegistry();
        services.AddSingleton(registry);
        return registry;
    }
}

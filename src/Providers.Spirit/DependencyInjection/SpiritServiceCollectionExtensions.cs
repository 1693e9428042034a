using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.Spirit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Spirit-GPU handler-mode clients: the <see cref="SpiritJobClient"/> and the Microsoft.Extensions.AI adapters
/// over it. Options bind from configuration (for example the section <c>Providers:Spirit</c>, keys named after the
/// properties of <see cref="SpiritJobClientOptions"/>) and are validated at start. Every client shares one
/// <see cref="SpiritWebhookRegistry"/>, which the ASP.NET Core endpoint <c>MapSpiritWebhook</c> feeds.
/// </summary>
public static class SpiritServiceCollectionExtensions
{
    private const string ProviderName = "Spirit";

    /// <summary>Registers a singleton <see cref="SpiritJobClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSpiritJobClient(this IServiceCollection services, IConfiguration configuration, Action<SpiritJobClientOptions>? configure = null) =>
        AddJobClient(services, serviceKey: null, Required(configuration), configure);

    /// <summary>Registers a singleton <see cref="SpiritJobClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSpiritJobClient(this IServiceCollection services, Action<SpiritJobClientOptions> configure) =>
        AddJobClient(services, serviceKey: null, configuration: null, Required(configure));

    /// <summary>Registers a keyed singleton <see cref="SpiritJobClient"/> with options of its own, named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSpiritJobClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SpiritJobClientOptions>? configure = null) =>
        AddJobClient(services, Required(serviceKey), Required(configuration), configure);

    /// <summary>Registers a keyed singleton <see cref="SpiritJobClient"/> with options of its own, named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSpiritJobClient(this IServiceCollection services, object serviceKey, Action<SpiritJobClientOptions> configure) =>
        AddJobClient(services, Required(serviceKey), configuration: null, Required(configure));

    /// <summary>Registers an <see cref="IChatClient"/> over a handler endpoint (<see cref="SpiritHandlerChatClient"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="handler">How chats map to the handler's input and its output to responses.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritHandlerChatClient(
        this IServiceCollection services, SpiritHandlerChatOptions handler, IConfiguration configuration, Action<SpiritJobClientOptions>? configure = null) =>
        AddChatClient(services, serviceKey: null, handler, Required(configuration), configure);

    /// <summary>Registers an <see cref="IChatClient"/> over a handler endpoint (<see cref="SpiritHandlerChatClient"/>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="handler">How chats map to the handler's input and its output to responses.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritHandlerChatClient(this IServiceCollection services, SpiritHandlerChatOptions handler, Action<SpiritJobClientOptions> configure) =>
        AddChatClient(services, serviceKey: null, handler, configuration: null, Required(configure));

    /// <summary>Registers a keyed <see cref="IChatClient"/> over a handler endpoint, with options of its own named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="handler">How chats map to the handler's input and its output to responses.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritHandlerChatClient(
        this IServiceCollection services, object serviceKey, SpiritHandlerChatOptions handler, IConfiguration configuration, Action<SpiritJobClientOptions>? configure = null) =>
        AddChatClient(services, Required(serviceKey), handler, Required(configuration), configure);

    /// <summary>Registers a keyed <see cref="IChatClient"/> over a handler endpoint, with options of its own named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="handler">How chats map to the handler's input and its output to responses.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritHandlerChatClient(
        this IServiceCollection services, object serviceKey, SpiritHandlerChatOptions handler, Action<SpiritJobClientOptions> configure) =>
        AddChatClient(services, Required(serviceKey), handler, configuration: null, Required(configure));

    /// <summary>Registers an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a handler endpoint (<see cref="SpiritHandlerEmbeddingGenerator{TInput}"/>).</summary>
    /// <typeparam name="TInput">The type of the values to embed.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="handler">How values map to the handler's input and its output to vectors.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddSpiritHandlerEmbeddingGenerator<TInput>(
        this IServiceCollection services, SpiritHandlerEmbeddingOptions<TInput> handler, IConfiguration configuration, Action<SpiritJobClientOptions>? configure = null) =>
        AddEmbeddingGenerator(services, serviceKey: null, handler, Required(configuration), configure);

    /// <summary>Registers an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a handler endpoint (<see cref="SpiritHandlerEmbeddingGenerator{TInput}"/>).</summary>
    /// <typeparam name="TInput">The type of the values to embed.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="handler">How values map to the handler's input and its output to vectors.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddSpiritHandlerEmbeddingGenerator<TInput>(
        this IServiceCollection services, SpiritHandlerEmbeddingOptions<TInput> handler, Action<SpiritJobClientOptions> configure) =>
        AddEmbeddingGenerator(services, serviceKey: null, handler, configuration: null, Required(configure));

    /// <summary>Registers a keyed embedding generator over a handler endpoint, with options of its own named after the key.</summary>
    /// <typeparam name="TInput">The type of the values to embed.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="handler">How values map to the handler's input and its output to vectors.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddKeyedSpiritHandlerEmbeddingGenerator<TInput>(
        this IServiceCollection services, object serviceKey, SpiritHandlerEmbeddingOptions<TInput> handler, IConfiguration configuration,
        Action<SpiritJobClientOptions>? configure = null) =>
        AddEmbeddingGenerator(services, Required(serviceKey), handler, Required(configuration), configure);

    /// <summary>Registers a keyed embedding generator over a handler endpoint, with options of its own named after the key.</summary>
    /// <typeparam name="TInput">The type of the values to embed.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="handler">How values map to the handler's input and its output to vectors.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddKeyedSpiritHandlerEmbeddingGenerator<TInput>(
        this IServiceCollection services, object serviceKey, SpiritHandlerEmbeddingOptions<TInput> handler, Action<SpiritJobClientOptions> configure) =>
        AddEmbeddingGenerator(services, Required(serviceKey), handler, configuration: null, Required(configure));

    private static IServiceCollection AddJobClient(
        IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<SpiritJobClientOptions>? configure)
    {
        var webhooks = WebhookRegistry(services);
        return services.AddProviderClient<SpiritJobClientOptions, SpiritJobClient>(ProviderName, serviceKey, configuration, configure,
            (httpClient, options) => new SpiritJobClient(httpClient, options, webhooks));
    }

    private static ChatClientBuilder AddChatClient(
        IServiceCollection services, object? serviceKey, SpiritHandlerChatOptions handler, IConfiguration? configuration, Action<SpiritJobClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var webhooks = WebhookRegistry(services);
        return services.AddProviderChatClient<SpiritJobClientOptions>(ProviderName, serviceKey, configuration, configure,
            (httpClient, options) => new SpiritHandlerChatClient(new SpiritJobClient(httpClient, options, webhooks), handler));
    }

    private static EmbeddingGeneratorBuilder<TInput, Embedding<float>> AddEmbeddingGenerator<TInput>(
        IServiceCollection services, object? serviceKey, SpiritHandlerEmbeddingOptions<TInput> handler, IConfiguration? configuration,
        Action<SpiritJobClientOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var webhooks = WebhookRegistry(services);
        return services.AddProviderEmbeddingGenerator<SpiritJobClientOptions, TInput, Embedding<float>>(ProviderName, serviceKey, configuration, configure,
            (httpClient, options) => new SpiritHandlerEmbeddingGenerator<TInput>(new SpiritJobClient(httpClient, options, webhooks), handler));
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

    private static T Required<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, name);
        return value;
    }
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.Spirit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Spirit-GPU proxy-mode chat clients (OpenAI API and Ollama API): options bound from configuration and validated at start, HTTP through <c>IHttpClientFactory</c>.</summary>
public static class SpiritProxyServiceCollectionExtensions
{
    private const string ProviderName = "SpiritProxy";

    /// <summary>Registers a <see cref="SpiritProxyChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="SpiritProxyOptions"/>, e.g. <c>Providers:SpiritProxy</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritProxyChatClient(
        this IServiceCollection services, IConfiguration configuration, Action<SpiritProxyOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, null, Required(configuration), configure, (http, options) => new SpiritProxyChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritProxyChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritProxyChatClient(this IServiceCollection services, Action<SpiritProxyOptions> configure) =>
        services.AddProviderChatClient(ProviderName, null, null, Required(configure), (http, options) => new SpiritProxyChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritProxyChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritProxyChatClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SpiritProxyOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), Required(configuration), configure, (http, options) => new SpiritProxyChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritProxyChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritProxyChatClient(this IServiceCollection services, object serviceKey, Action<SpiritProxyOptions> configure) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), null, Required(configure), (http, options) => new SpiritProxyChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="SpiritProxyOptions"/>, e.g. <c>Providers:SpiritProxy</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritOllamaChatClient(
        this IServiceCollection services, IConfiguration configuration, Action<SpiritProxyOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, null, Required(configuration), configure, (http, options) => new SpiritOllamaChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritOllamaChatClient(this IServiceCollection services, Action<SpiritProxyOptions> configure) =>
        services.AddProviderChatClient(ProviderName, null, null, Required(configure), (http, options) => new SpiritOllamaChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritOllamaChatClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SpiritProxyOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), Required(configuration), configure, (http, options) => new SpiritOllamaChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritOllamaChatClient(this IServiceCollection services, object serviceKey, Action<SpiritProxyOptions> configure) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), null, Required(configure), (http, options) => new SpiritOllamaChatClient(http, options));

    private static T Required<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class => value ?? throw new ArgumentNullException(name);
}

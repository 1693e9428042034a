using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.SvRay;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SV Ray cluster chat client: options bound from configuration and validated at start, HTTP through <c>IHttpClientFactory</c>.</summary>
public static class SvRayChatServiceCollectionExtensions
{
    private const string ProviderName = "SvRayChat";

    /// <summary>Registers a <see cref="SvRayChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="SvRayChatOptions"/>, e.g. <c>Providers:SvRayChat</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSvRayChatClient(
        this IServiceCollection services, IConfiguration configuration, Action<SvRayChatOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, null, Required(configuration), configure, (http, options) => new SvRayChatClient(http, options));

    /// <summary>Registers a <see cref="SvRayChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSvRayChatClient(this IServiceCollection services, Action<SvRayChatOptions> configure) =>
        services.AddProviderChatClient(ProviderName, null, null, Required(configure), (http, options) => new SvRayChatClient(http, options));

    /// <summary>Registers a <see cref="SvRayChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="SvRayChatOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSvRayChatClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SvRayChatOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), Required(configuration), configure, (http, options) => new SvRayChatClient(http, options));

    /// <summary>Registers a <see cref="SvRayChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSvRayChatClient(this IServiceCollection services, object serviceKey, Action<SvRayChatOptions> configure) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), null, Required(configure), (http, options) => new SvRayChatClient(http, options));

    private static T Required<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class => value ?? throw new ArgumentNullException(name);
}

using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.SvRay;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the SV Ray cluster chat client: options bound from the application's configuration section (default
/// <c>Providers:SvRayChat</c>), then adjusted by the delegate and validated at start; HTTP through <c>IHttpClientFactory</c>.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class SvRayChatServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:SvRayChat";

    /// <summary>Registers a <see cref="SvRayChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayChatOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSvRayChatClient(
        this IServiceCollection services, Action<SvRayChatOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddChatClient(services, configSectionPath, configure, static (http, options) => new SvRayChatClient(http, options));

    /// <summary>Registers a <see cref="SvRayChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayChatOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSvRayChatClient(
        this IServiceCollection services, object serviceKey, Action<SvRayChatOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedChatClient(services, serviceKey, configSectionPath, configure, static (http, options) => new SvRayChatClient(http, options));

    /// <summary>Registers a <see cref="SvRayModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayChatOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSvRayModelCatalog(
        this IServiceCollection services, Action<SvRayChatOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, SvRayChatOptions options) => new SvRayModelCatalog(http, options));

    /// <summary>Registers a <see cref="SvRayModelCatalog"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayChatOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSvRayModelCatalog(
        this IServiceCollection services, object serviceKey, Action<SvRayChatOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, SvRayChatOptions options) => new SvRayModelCatalog(http, options));
}

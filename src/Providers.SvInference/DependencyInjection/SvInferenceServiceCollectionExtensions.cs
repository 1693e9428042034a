using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.SvInference;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the SV inference server chat client: options bound from the application's configuration section (default
/// <c>Providers:SvInference</c>), then adjusted by the delegate and validated at start; HTTP through <c>IHttpClientFactory</c>.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class SvInferenceServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:SvInference";

    /// <summary>Registers a <see cref="SvInferenceChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvInferenceOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSvInferenceChatClient(
        this IServiceCollection services, Action<SvInferenceOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddChatClient(services, configSectionPath, configure, static (http, options) => new SvInferenceChatClient(http, options));

    /// <summary>Registers a <see cref="SvInferenceChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvInferenceOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSvInferenceChatClient(
        this IServiceCollection services, object serviceKey, Action<SvInferenceOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedChatClient(services, serviceKey, configSectionPath, configure, static (http, options) => new SvInferenceChatClient(http, options));

    /// <summary>Registers a <see cref="SvInferenceModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvInferenceOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSvInferenceModelCatalog(
        this IServiceCollection services, Action<SvInferenceOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, SvInferenceOptions options) => new SvInferenceModelCatalog(http, options));

    /// <summary>Registers a <see cref="SvInferenceModelCatalog"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvInferenceOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSvInferenceModelCatalog(
        this IServiceCollection services, object serviceKey, Action<SvInferenceOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, SvInferenceOptions options) => new SvInferenceModelCatalog(http, options));
}

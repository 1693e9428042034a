using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.Ovms;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OVMS clients: options bound from the application's configuration section (default <c>Providers:Ovms</c>),
/// then adjusted by the delegate and validated at start; HTTP through <c>IHttpClientFactory</c>.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class OvmsServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:Ovms";

    /// <summary>Registers a <see cref="OvmsEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> to <c>Embedding&lt;float&gt;</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddOvmsEmbeddingGenerator(
        this IServiceCollection services, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<OvmsOptions, string, Embedding<float>>(services, configSectionPath, configure, static (http, options) => new OvmsEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="OvmsEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedOvmsEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<OvmsOptions, string, Embedding<float>>(services, serviceKey, configSectionPath, configure, static (http, options) => new OvmsEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="OvmsModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsModelCatalog(
        this IServiceCollection services, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsModelCatalog(http, options));

    /// <summary>Registers a <see cref="OvmsModelCatalog"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsModelCatalog(
        this IServiceCollection services, object serviceKey, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsModelCatalog(http, options));

    /// <summary>Registers a <see cref="OvmsReadinessClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsReadinessClient(
        this IServiceCollection services, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsReadinessClient(http, options));

    /// <summary>Registers a <see cref="OvmsReadinessClient"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsReadinessClient(
        this IServiceCollection services, object serviceKey, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsReadinessClient(http, options));

    /// <summary>Registers a <see cref="OvmsRerankClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsRerankClient(
        this IServiceCollection services, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsRerankClient(http, options));

    /// <summary>Registers a <see cref="OvmsRerankClient"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsRerankClient(
        this IServiceCollection services, object serviceKey, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsRerankClient(http, options));

    /// <summary>Registers a <see cref="OvmsTokenizeClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsTokenizeClient(
        this IServiceCollection services, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsTokenizeClient(http, options));

    /// <summary>Registers a <see cref="OvmsTokenizeClient"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="OvmsOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsTokenizeClient(
        this IServiceCollection services, object serviceKey, Action<OvmsOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, OvmsOptions options) => new OvmsTokenizeClient(http, options));
}

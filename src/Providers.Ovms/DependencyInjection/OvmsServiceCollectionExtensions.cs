using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.Ovms;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OVMS clients: options bound from configuration and validated at start, HTTP through <c>IHttpClientFactory</c>.</summary>
public static class OvmsServiceCollectionExtensions
{
    private const string ProviderName = "Ovms";

    /// <summary>Registers a <see cref="OvmsEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>, e.g. <c>Providers:Ovms</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddOvmsEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderEmbeddingGenerator<OvmsOptions, string, Embedding<float>>(ProviderName, null, Required(configuration), configure, (http, options) => new OvmsEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="OvmsEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddOvmsEmbeddingGenerator(this IServiceCollection services, Action<OvmsOptions> configure) =>
        services.AddProviderEmbeddingGenerator<OvmsOptions, string, Embedding<float>>(ProviderName, null, null, Required(configure), (http, options) => new OvmsEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="OvmsEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedOvmsEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderEmbeddingGenerator<OvmsOptions, string, Embedding<float>>(ProviderName, Required(serviceKey), Required(configuration), configure, (http, options) => new OvmsEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="OvmsEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedOvmsEmbeddingGenerator(this IServiceCollection services, object serviceKey, Action<OvmsOptions> configure) =>
        services.AddProviderEmbeddingGenerator<OvmsOptions, string, Embedding<float>>(ProviderName, Required(serviceKey), null, Required(configure), (http, options) => new OvmsEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="OvmsModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>, e.g. <c>Providers:Ovms</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsModelCatalog(
        this IServiceCollection services, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, null, Required(configuration), configure, (HttpClient http, OvmsOptions options) => new OvmsModelCatalog(http, options));

    /// <summary>Registers a <see cref="OvmsModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsModelCatalog(this IServiceCollection services, Action<OvmsOptions> configure) =>
        services.AddProviderClient(ProviderName, null, null, Required(configure), (HttpClient http, OvmsOptions options) => new OvmsModelCatalog(http, options));

    /// <summary>Registers a <see cref="OvmsModelCatalog"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsModelCatalog(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), Required(configuration), configure, (HttpClient http, OvmsOptions options) => new OvmsModelCatalog(http, options));

    /// <summary>Registers a <see cref="OvmsModelCatalog"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsModelCatalog(this IServiceCollection services, object serviceKey, Action<OvmsOptions> configure) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), null, Required(configure), (HttpClient http, OvmsOptions options) => new OvmsModelCatalog(http, options));

    /// <summary>Registers a <see cref="OvmsReadinessClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>, e.g. <c>Providers:Ovms</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsReadinessClient(
        this IServiceCollection services, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, null, Required(configuration), configure, (HttpClient http, OvmsOptions options) => new OvmsReadinessClient(http, options));

    /// <summary>Registers a <see cref="OvmsReadinessClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsReadinessClient(this IServiceCollection services, Action<OvmsOptions> configure) =>
        services.AddProviderClient(ProviderName, null, null, Required(configure), (HttpClient http, OvmsOptions options) => new OvmsReadinessClient(http, options));

    /// <summary>Registers a <see cref="OvmsReadinessClient"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsReadinessClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), Required(configuration), configure, (HttpClient http, OvmsOptions options) => new OvmsReadinessClient(http, options));

    /// <summary>Registers a <see cref="OvmsReadinessClient"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsReadinessClient(this IServiceCollection services, object serviceKey, Action<OvmsOptions> configure) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), null, Required(configure), (HttpClient http, OvmsOptions options) => new OvmsReadinessClient(http, options));

    /// <summary>Registers a <see cref="OvmsRerankClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>, e.g. <c>Providers:Ovms</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsRerankClient(
        this IServiceCollection services, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, null, Required(configuration), configure, (HttpClient http, OvmsOptions options) => new OvmsRerankClient(http, options));

    /// <summary>Registers a <see cref="OvmsRerankClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddOvmsRerankClient(this IServiceCollection services, Action<OvmsOptions> configure) =>
        services.AddProviderClient(ProviderName, null, null, Required(configure), (HttpClient http, OvmsOptions options) => new OvmsRerankClient(http, options));

    /// <summary>Registers a <see cref="OvmsRerankClient"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsRerankClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<OvmsOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), Required(configuration), configure, (HttpClient http, OvmsOptions options) => new OvmsRerankClient(http, options));

    /// <summary>Registers a <see cref="OvmsRerankClient"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedOvmsRerankClient(this IServiceCollection services, object serviceKey, Action<OvmsOptions> configure) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), null, Required(configure), (HttpClient http, OvmsOptions options) => new OvmsRerankClient(http, options));

    private static T Required<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class => value ?? throw new ArgumentNullException(name);
}

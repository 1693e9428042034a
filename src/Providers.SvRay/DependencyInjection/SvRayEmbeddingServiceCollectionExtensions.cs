using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.Core;
using Providers.SvRay;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the SV Ray cluster's embedding generators. Each registration binds its own options type (default section
/// <c>Providers:SvRay</c>; keys are the option property names, so one section can serve all four, each with its own
/// default model), validated at start, and gets its <see cref="HttpClient"/> from <c>IHttpClientFactory</c>. Each
/// returns its builder with the reference client's batching already added; chain <c>UseRetry()</c> after it.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class SvRayEmbeddingServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:SvRay";

    /// <summary>Registers a <see cref="SvRayEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> to <c>Embedding&lt;float&gt;</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSvRayEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SvRayEmbeddingOptions, string, Embedding<float>>(services, configSectionPath, configure, static (http, options) => new SvRayEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSvRayEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SvRayEmbeddingOptions, string, Embedding<float>>(services, serviceKey, configSectionPath, configure, static (http, options) => new SvRayEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayImageEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>AIContent</c> to <c>Embedding&lt;float&gt;</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayImageEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddSvRayImageEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayImageEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SvRayImageEmbeddingOptions, AIContent, Embedding<float>>(services, configSectionPath, configure, static (http, options) => new SvRayImageEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayImageEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayImageEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddKeyedSvRayImageEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayImageEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SvRayImageEmbeddingOptions, AIContent, Embedding<float>>(services, serviceKey, configSectionPath, configure, static (http, options) => new SvRayImageEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayMultiVectorEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> to <c>MultiVectorEmbedding</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayMultiVectorEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddSvRayMultiVectorEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayMultiVectorEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SvRayMultiVectorEmbeddingOptions, string, MultiVectorEmbedding>(services, configSectionPath, configure, static (http, options) => new SvRayMultiVectorEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayMultiVectorEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayMultiVectorEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddKeyedSvRayMultiVectorEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayMultiVectorEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SvRayMultiVectorEmbeddingOptions, string, MultiVectorEmbedding>(services, serviceKey, configSectionPath, configure, static (http, options) => new SvRayMultiVectorEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>AIContent</c> to <c>MultiVectorEmbedding</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayImageMultiVectorEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddSvRayImageMultiVectorEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayImageMultiVectorEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SvRayImageMultiVectorEmbeddingOptions, AIContent, MultiVectorEmbedding>(services, configSectionPath, configure, static (http, options) => new SvRayImageMultiVectorEmbeddingGenerator(http, options)).UseSvRayBatching();

    /// <summary>Registers a <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SvRayImageMultiVectorEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddKeyedSvRayImageMultiVectorEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayImageMultiVectorEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SvRayImageMultiVectorEmbeddingOptions, AIContent, MultiVectorEmbedding>(services, serviceKey, configSectionPath, configure, static (http, options) => new SvRayImageMultiVectorEmbeddingGenerator(http, options)).UseSvRayBatching();
}

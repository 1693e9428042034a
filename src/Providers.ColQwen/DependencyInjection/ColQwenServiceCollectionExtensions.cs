using Microsoft.Extensions.AI;
using Providers.ColQwen;
using Providers.Core.DependencyInjection;
using Providers.Core;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ColQwen clients: options bound from the application's configuration section (default <c>Providers:ColQwen</c>),
/// then adjusted by the delegate and validated at start; HTTP through <c>IHttpClientFactory</c>. The generators come
/// with the reference client's batching (32 queries, 8 pages per request) already added.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class ColQwenServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:ColQwen";

    /// <summary>Registers a <see cref="ColQwenQueryEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> to <c>MultiVectorEmbedding</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="ColQwenQueryEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddColQwenEmbeddingGenerator(
        this IServiceCollection services, Action<ColQwenQueryEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<ColQwenQueryEmbeddingOptions, string, MultiVectorEmbedding>(services, configSectionPath, configure, static (http, options) => new ColQwenQueryEmbeddingGenerator(http, options)).UseColQwenBatching();

    /// <summary>Registers a <see cref="ColQwenQueryEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="ColQwenQueryEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddKeyedColQwenEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<ColQwenQueryEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<ColQwenQueryEmbeddingOptions, string, MultiVectorEmbedding>(services, serviceKey, configSectionPath, configure, static (http, options) => new ColQwenQueryEmbeddingGenerator(http, options)).UseColQwenBatching();

    /// <summary>Registers a <see cref="ColQwenImageEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>AIContent</c> (page images: bytes, data:, file: or http(s) addresses) to <c>MultiVectorEmbedding</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="ColQwenImageEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddColQwenImageEmbeddingGenerator(
        this IServiceCollection services, Action<ColQwenImageEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<ColQwenImageEmbeddingOptions, AIContent, MultiVectorEmbedding>(services, configSectionPath, configure, static (http, options) => new ColQwenImageEmbeddingGenerator(http, options)).UseColQwenBatching();

    /// <summary>Registers a <see cref="ColQwenImageEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="ColQwenImageEmbeddingOptions"/>.</param>
    /// <returns>The builder with the reference client's batching added; chain <c>UseRetry()</c> after it.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddKeyedColQwenImageEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<ColQwenImageEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<ColQwenImageEmbeddingOptions, AIContent, MultiVectorEmbedding>(services, serviceKey, configSectionPath, configure, static (http, options) => new ColQwenImageEmbeddingGenerator(http, options)).UseColQwenBatching();

    /// <summary>Registers a <see cref="ColQwenClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="ColQwenOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddColQwenClient(
        this IServiceCollection services, Action<ColQwenOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, ColQwenOptions options) => new ColQwenClient(http, options));

    /// <summary>Registers a <see cref="ColQwenClient"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="ColQwenOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedColQwenClient(
        this IServiceCollection services, object serviceKey, Action<ColQwenOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, ColQwenOptions options) => new ColQwenClient(http, options));
}

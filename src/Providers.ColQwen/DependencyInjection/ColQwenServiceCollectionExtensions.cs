using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.ColQwen;
using Providers.Core;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ColQwen2.5 service clients. Each registration binds its own options (default section
/// <c>Providers:ColQwen</c>; keys are the option property names), validated at start, and gets its
/// <see cref="HttpClient"/> from <c>IHttpClientFactory</c>.
/// </summary>
public static class ColQwenServiceCollectionExtensions
{
    private const string ProviderName = "ColQwen";

    /// <summary>
    /// Registers a <see cref="ColQwenQueryEmbeddingGenerator"/> as <c>IEmbeddingGenerator&lt;string, MultiVectorEmbedding&gt;</c>,
    /// batching <see cref="ColQwenBuilderExtensions.DefaultQueryBatchSize"/> queries per request.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddColQwenEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<ColQwenQueryEmbeddingOptions>? configure = null) =>
        services.AddQueryGenerator(null, configuration, configure);

    /// <summary>Registers a <see cref="ColQwenQueryEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddColQwenEmbeddingGenerator(
        this IServiceCollection services, Action<ColQwenQueryEmbeddingOptions> configure) =>
        services.AddQueryGenerator(null, null, configure);

    /// <summary>Registers a keyed <see cref="ColQwenQueryEmbeddingGenerator"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddKeyedColQwenEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<ColQwenQueryEmbeddingOptions>? configure = null) =>
        services.AddQueryGenerator(Key(serviceKey), configuration, configure);

    /// <summary>Registers a keyed <see cref="ColQwenQueryEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddKeyedColQwenEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<ColQwenQueryEmbeddingOptions> configure) =>
        services.AddQueryGenerator(Key(serviceKey), null, configure);

    /// <summary>
    /// Registers a <see cref="ColQwenImageEmbeddingGenerator"/> as <c>IEmbeddingGenerator&lt;DataContent, MultiVectorEmbedding&gt;</c>,
    /// batching <see cref="ColQwenBuilderExtensions.DefaultImageBatchSize"/> images per request, one request at a time.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding> AddColQwenImageEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<ColQwenImageEmbeddingOptions>? configure = null) =>
        services.AddImageGenerator(null, configuration, configure);

    /// <summary>Registers a <see cref="ColQwenImageEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding> AddColQwenImageEmbeddingGenerator(
        this IServiceCollection services, Action<ColQwenImageEmbeddingOptions> configure) =>
        services.AddImageGenerator(null, null, configure);

    /// <summary>Registers a keyed <see cref="ColQwenImageEmbeddingGenerator"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding> AddKeyedColQwenImageEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<ColQwenImageEmbeddingOptions>? configure = null) =>
        services.AddImageGenerator(Key(serviceKey), configuration, configure);

    /// <summary>Registers a keyed <see cref="ColQwenImageEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding> AddKeyedColQwenImageEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<ColQwenImageEmbeddingOptions> configure) =>
        services.AddImageGenerator(Key(serviceKey), null, configure);

    /// <summary>Registers a singleton <see cref="ColQwenClient"/> for patches, info and health.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddColQwenClient(this IServiceCollection services, IConfiguration configuration, Action<ColQwenOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, null, configuration, configure, (http, options) => new ColQwenClient(http, options));

    /// <summary>Registers a singleton <see cref="ColQwenClient"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddColQwenClient(this IServiceCollection services, Action<ColQwenOptions> configure) =>
        services.AddProviderClient(ProviderName, null, null, configure, (http, options) => new ColQwenClient(http, options));

    /// <summary>Registers a keyed singleton <see cref="ColQwenClient"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedColQwenClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<ColQwenOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, Key(serviceKey), configuration, configure, (http, options) => new ColQwenClient(http, options));

    /// <summary>Registers a keyed singleton <see cref="ColQwenClient"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedColQwenClient(this IServiceCollection services, object serviceKey, Action<ColQwenOptions> configure) =>
        services.AddProviderClient(ProviderName, Key(serviceKey), null, configure, (http, options) => new ColQwenClient(http, options));

    private static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddQueryGenerator(
        this IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<ColQwenQueryEmbeddingOptions>? configure) =>
        services.AddProviderEmbeddingGenerator<ColQwenQueryEmbeddingOptions, string, MultiVectorEmbedding>(
            ProviderName, serviceKey, configuration, configure, (http, options) => new ColQwenQueryEmbeddingGenerator(http, options))
            .UseColQwenBatching();

    private static EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding> AddImageGenerator(
        this IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<ColQwenImageEmbeddingOptions>? configure) =>
        services.AddProviderEmbeddingGenerator<ColQwenImageEmbeddingOptions, DataContent, MultiVectorEmbedding>(
            ProviderName, serviceKey, configuration, configure, (http, options) => new ColQwenImageEmbeddingGenerator(http, options))
            .UseColQwenBatching();

    private static object Key(object serviceKey) => serviceKey ?? throw new ArgumentNullException(nameof(serviceKey));
}

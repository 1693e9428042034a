using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.Core;
using Providers.SvRay;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the SV Ray cluster's embedding generators. Each registration binds its own options type (default section
/// <c>Providers:SvRay</c>; keys are the option property names, so one section can serve all four, each with its own
/// default model), validated at start, and gets its <see cref="HttpClient"/> from <c>IHttpClientFactory</c>. Each
/// returns its builder with the reference client's batching already added; chain <c>UseRetry()</c> after it.
/// </summary>
public static class SvRayEmbeddingServiceCollectionExtensions
{
    private const string ProviderName = "SvRay";

    /// <summary>Registers a <see cref="SvRayEmbeddingGenerator"/> as <c>IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;</c>: text embeddings (<c>/embed-text/v1/embeddings</c>), batching 50 inputs per request.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSvRayEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<SvRayEmbeddingOptions>? configure = null) =>
        services.AddText(null, configuration, configure);

    /// <summary>Registers a <see cref="SvRayEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSvRayEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayEmbeddingOptions> configure) =>
        services.AddText(null, null, configure);

    /// <summary>Registers a keyed <see cref="SvRayEmbeddingGenerator"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSvRayEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SvRayEmbeddingOptions>? configure = null) =>
        services.AddText(Key(serviceKey), configuration, configure);

    /// <summary>Registers a keyed <see cref="SvRayEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSvRayEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayEmbeddingOptions> configure) =>
        services.AddText(Key(serviceKey), null, configure);

    /// <summary>Registers a <see cref="SvRayImageEmbeddingGenerator"/> as <c>IEmbeddingGenerator&lt;AIContent, Embedding&lt;float&gt;&gt;</c>: image-and-text embeddings (<c>/embed-image/v1/embeddings</c>), batching 50 inputs per request.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddSvRayImageEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<SvRayImageEmbeddingOptions>? configure = null) =>
        services.AddImage(null, configuration, configure);

    /// <summary>Registers a <see cref="SvRayImageEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddSvRayImageEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayImageEmbeddingOptions> configure) =>
        services.AddImage(null, null, configure);

    /// <summary>Registers a keyed <see cref="SvRayImageEmbeddingGenerator"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddKeyedSvRayImageEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SvRayImageEmbeddingOptions>? configure = null) =>
        services.AddImage(Key(serviceKey), configuration, configure);

    /// <summary>Registers a keyed <see cref="SvRayImageEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddKeyedSvRayImageEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayImageEmbeddingOptions> configure) =>
        services.AddImage(Key(serviceKey), null, configure);

    /// <summary>Registers a <see cref="SvRayMultiVectorEmbeddingGenerator"/> as <c>IEmbeddingGenerator&lt;string, MultiVectorEmbedding&gt;</c>: ColBERT multi-vector text embeddings (<c>/embed-text/v1/multivector-embeddings</c>), batching 50 inputs per request.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddSvRayMultiVectorEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<SvRayMultiVectorEmbeddingOptions>? configure = null) =>
        services.AddMultiVector(null, configuration, configure);

    /// <summary>Registers a <see cref="SvRayMultiVectorEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddSvRayMultiVectorEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayMultiVectorEmbeddingOptions> configure) =>
        services.AddMultiVector(null, null, configure);

    /// <summary>Registers a keyed <see cref="SvRayMultiVectorEmbeddingGenerator"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddKeyedSvRayMultiVectorEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SvRayMultiVectorEmbeddingOptions>? configure = null) =>
        services.AddMultiVector(Key(serviceKey), configuration, configure);

    /// <summary>Registers a keyed <see cref="SvRayMultiVectorEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddKeyedSvRayMultiVectorEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayMultiVectorEmbeddingOptions> configure) =>
        services.AddMultiVector(Key(serviceKey), null, configure);

    /// <summary>Registers a <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> as <c>IEmbeddingGenerator&lt;AIContent, MultiVectorEmbedding&gt;</c>: ColPali-style page embeddings (<c>/embed-image/v1/multivector-embeddings</c>), batching 8 images per request.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddSvRayImageMultiVectorEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<SvRayImageMultiVectorEmbeddingOptions>? configure = null) =>
        services.AddImageMultiVector(null, configuration, configure);

    /// <summary>Registers a <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddSvRayImageMultiVectorEmbeddingGenerator(
        this IServiceCollection services, Action<SvRayImageMultiVectorEmbeddingOptions> configure) =>
        services.AddImageMultiVector(null, null, configure);

    /// <summary>Registers a keyed <see cref="SvRayImageMultiVectorEmbeddingGenerator"/>; its options are named after the key.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configuration">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddKeyedSvRayImageMultiVectorEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SvRayImageMultiVectorEmbeddingOptions>? configure = null) =>
        services.AddImageMultiVector(Key(serviceKey), configuration, configure);

    /// <summary>Registers a keyed <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> configured in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddKeyedSvRayImageMultiVectorEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SvRayImageMultiVectorEmbeddingOptions> configure) =>
        services.AddImageMultiVector(Key(serviceKey), null, configure);

    private static EmbeddingGeneratorBuilder<string, Embedding<float>> AddText(
        this IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<SvRayEmbeddingOptions>? configure) =>
        services.AddProviderEmbeddingGenerator<SvRayEmbeddingOptions, string, Embedding<float>>(
            ProviderName, serviceKey, configuration, configure, (http, options) => new SvRayEmbeddingGenerator(http, options))
            .UseSvRayBatching();

    private static EmbeddingGeneratorBuilder<AIContent, Embedding<float>> AddImage(
        this IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<SvRayImageEmbeddingOptions>? configure) =>
        services.AddProviderEmbeddingGenerator<SvRayImageEmbeddingOptions, AIContent, Embedding<float>>(
            ProviderName, serviceKey, configuration, configure, (http, options) => new SvRayImageEmbeddingGenerator(http, options))
            .UseSvRayBatching();

    private static EmbeddingGeneratorBuilder<string, MultiVectorEmbedding> AddMultiVector(
        this IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<SvRayMultiVectorEmbeddingOptions>? configure) =>
        services.AddProviderEmbeddingGenerator<SvRayMultiVectorEmbeddingOptions, string, MultiVectorEmbedding>(
            ProviderName, serviceKey, configuration, configure, (http, options) => new SvRayMultiVectorEmbeddingGenerator(http, options))
            .UseSvRayBatching();

    private static EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding> AddImageMultiVector(
        this IServiceCollection services, object? serviceKey, IConfiguration? configuration, Action<SvRayImageMultiVectorEmbeddingOptions>? configure) =>
        services.AddProviderEmbeddingGenerator<SvRayImageMultiVectorEmbeddingOptions, AIContent, MultiVectorEmbedding>(
            ProviderName, serviceKey, configuration, configure, (http, options) => new SvRayImageMultiVectorEmbeddingGenerator(http, options))
            .UseSvRayBatching();

    private static object Key(object serviceKey) => serviceKey ?? throw new ArgumentNullException(nameof(serviceKey));
}

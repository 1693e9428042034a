using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Providers.SciBox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SciBox clients: options bound from configuration and validated at start, HTTP through <c>IHttpClientFactory</c>.</summary>
public static class SciBoxServiceCollectionExtensions
{
    private const string ProviderName = "SciBox";

    /// <summary>Registers a <see cref="SciBoxChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSciBoxChatClient(
        this IServiceCollection services, IConfiguration configuration, Action<SciBoxOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, null, Required(configuration), configure, (http, options) => new SciBoxChatClient(http, options));

    /// <summary>Registers a <see cref="SciBoxChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSciBoxChatClient(this IServiceCollection services, Action<SciBoxOptions> configure) =>
        services.AddProviderChatClient(ProviderName, null, null, Required(configure), (http, options) => new SciBoxChatClient(http, options));

    /// <summary>Registers a <see cref="SciBoxChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSciBoxChatClient(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SciBoxOptions>? configure = null) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), Required(configuration), configure, (http, options) => new SciBoxChatClient(http, options));

    /// <summary>Registers a <see cref="SciBoxChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSciBoxChatClient(this IServiceCollection services, object serviceKey, Action<SciBoxOptions> configure) =>
        services.AddProviderChatClient(ProviderName, Required(serviceKey), null, Required(configure), (http, options) => new SciBoxChatClient(http, options));

    /// <summary>Registers a <see cref="SciBoxEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSciBoxEmbeddingGenerator(
        this IServiceCollection services, IConfiguration configuration, Action<SciBoxOptions>? configure = null) =>
        services.AddProviderEmbeddingGenerator<SciBoxOptions, string, Embedding<float>>(ProviderName, null, Required(configuration), configure, (http, options) => new SciBoxEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SciBoxEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSciBoxEmbeddingGenerator(this IServiceCollection services, Action<SciBoxOptions> configure) =>
        services.AddProviderEmbeddingGenerator<SciBoxOptions, string, Embedding<float>>(ProviderName, null, null, Required(configure), (http, options) => new SciBoxEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SciBoxEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSciBoxEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SciBoxOptions>? configure = null) =>
        services.AddProviderEmbeddingGenerator<SciBoxOptions, string, Embedding<float>>(ProviderName, Required(serviceKey), Required(configuration), configure, (http, options) => new SciBoxEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SciBoxEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSciBoxEmbeddingGenerator(this IServiceCollection services, object serviceKey, Action<SciBoxOptions> configure) =>
        services.AddProviderEmbeddingGenerator<SciBoxOptions, string, Embedding<float>>(ProviderName, Required(serviceKey), null, Required(configure), (http, options) => new SciBoxEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SciBoxModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSciBoxModelCatalog(
        this IServiceCollection services, IConfiguration configuration, Action<SciBoxOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, null, Required(configuration), configure, (HttpClient http, SciBoxOptions options) => new SciBoxModelCatalog(http, options));

    /// <summary>Registers a <see cref="SciBoxModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSciBoxModelCatalog(this IServiceCollection services, Action<SciBoxOptions> configure) =>
        services.AddProviderClient(ProviderName, null, null, Required(configure), (HttpClient http, SciBoxOptions options) => new SciBoxModelCatalog(http, options));

    /// <summary>Registers a <see cref="SciBoxModelCatalog"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSciBoxModelCatalog(
        this IServiceCollection services, object serviceKey, IConfiguration configuration, Action<SciBoxOptions>? configure = null) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), Required(configuration), configure, (HttpClient http, SciBoxOptions options) => new SciBoxModelCatalog(http, options));

    /// <summary>Registers a <see cref="SciBoxModelCatalog"/> as a keyed singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; also names the options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSciBoxModelCatalog(this IServiceCollection services, object serviceKey, Action<SciBoxOptions> configure) =>
        services.AddProviderClient(ProviderName, Required(serviceKey), null, Required(configure), (HttpClient http, SciBoxOptions options) => new SciBoxModelCatalog(http, options));

    private static T Required<T>(T value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class => value ?? throw new ArgumentNullException(name);
}

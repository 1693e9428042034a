using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.SciBox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers SciBox clients: options bound from the application's configuration section (default
/// <c>Providers:SciBox</c>), then adjusted by the delegate and validated at start; HTTP through <c>IHttpClientFactory</c>.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class SciBoxServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:SciBox";

    /// <summary>Registers a <see cref="SciBoxChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SciBoxOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSciBoxChatClient(
        this IServiceCollection services, Action<SciBoxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddChatClient(services, configSectionPath, configure, static (http, options) => new SciBoxChatClient(http, options));

    /// <summary>Registers a <see cref="SciBoxChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SciBoxOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSciBoxChatClient(
        this IServiceCollection services, object serviceKey, Action<SciBoxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedChatClient(services, serviceKey, configSectionPath, configure, static (http, options) => new SciBoxChatClient(http, options));

    /// <summary>Registers a <see cref="SciBoxEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SciBoxOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSciBoxEmbeddingGenerator(
        this IServiceCollection services, Action<SciBoxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SciBoxOptions, string, Embedding<float>>(services, configSectionPath, configure, static (http, options) => new SciBoxEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SciBoxEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SciBoxOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSciBoxEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SciBoxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SciBoxOptions, string, Embedding<float>>(services, serviceKey, configSectionPath, configure, static (http, options) => new SciBoxEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SciBoxModelCatalog"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SciBoxOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSciBoxModelCatalog(
        this IServiceCollection services, Action<SciBoxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, SciBoxOptions options) => new SciBoxModelCatalog(http, options));

    /// <summary>Registers a <see cref="SciBoxModelCatalog"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SciBoxOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSciBoxModelCatalog(
        this IServiceCollection services, object serviceKey, Action<SciBoxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, SciBoxOptions options) => new SciBoxModelCatalog(http, options));
}

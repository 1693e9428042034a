using Microsoft.Extensions.AI;
using Providers.Core.DependencyInjection;
using Providers.Spirit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Spirit-GPU proxy-mode chat clients (OpenAI API and Ollama API): options bound from the application's
/// configuration section (default <c>Providers:SpiritProxy</c>), then adjusted by the delegate and validated at start;
/// HTTP through <c>IHttpClientFactory</c>.
/// </summary>
/// <remarks>A keyed registration with a string key also binds <c>{configSectionPath}:{key}</c> over the section.</remarks>
public static class SpiritProxyServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:SpiritProxy";

    /// <summary>Registers a <see cref="SpiritProxyChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritProxyChatClient(
        this IServiceCollection services, Action<SpiritProxyOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddChatClient(services, configSectionPath, configure, static (http, options) => new SpiritProxyChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritProxyChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritProxyChatClient(
        this IServiceCollection services, object serviceKey, Action<SpiritProxyOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedChatClient(services, serviceKey, configSectionPath, configure, static (http, options) => new SpiritProxyChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaChatClient"/> as the <see cref="IChatClient"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddSpiritOllamaChatClient(
        this IServiceCollection services, Action<SpiritProxyOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddChatClient(services, configSectionPath, configure, static (http, options) => new SpiritOllamaChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaChatClient"/> as the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c>.</returns>
    public static ChatClientBuilder AddKeyedSpiritOllamaChatClient(
        this IServiceCollection services, object serviceKey, Action<SpiritProxyOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedChatClient(services, serviceKey, configSectionPath, configure, static (http, options) => new SpiritOllamaChatClient(http, options));

    /// <summary>Registers a <see cref="SpiritProxyEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> to <c>Embedding&lt;float&gt;</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyEmbeddingOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSpiritProxyEmbeddingGenerator(
        this IServiceCollection services, Action<SpiritProxyEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SpiritProxyEmbeddingOptions, string, Embedding<float>>(services, configSectionPath, configure, static (http, options) => new SpiritProxyEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SpiritProxyEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyEmbeddingOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSpiritProxyEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SpiritProxyEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SpiritProxyEmbeddingOptions, string, Embedding<float>>(services, serviceKey, configSectionPath, configure, static (http, options) => new SpiritProxyEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaEmbeddingGenerator"/> as the <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <c>string</c> to <c>Embedding&lt;float&gt;</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyEmbeddingOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddSpiritOllamaEmbeddingGenerator(
        this IServiceCollection services, Action<SpiritProxyEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddEmbeddingGenerator<SpiritProxyEmbeddingOptions, string, Embedding<float>>(services, configSectionPath, configure, static (http, options) => new SpiritOllamaEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaEmbeddingGenerator"/> as the keyed generator <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyEmbeddingOptions"/>.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<string, Embedding<float>> AddKeyedSpiritOllamaEmbeddingGenerator(
        this IServiceCollection services, object serviceKey, Action<SpiritProxyEmbeddingOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedEmbeddingGenerator<SpiritProxyEmbeddingOptions, string, Embedding<float>>(services, serviceKey, configSectionPath, configure, static (http, options) => new SpiritOllamaEmbeddingGenerator(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaClient"/> as a singleton.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddSpiritOllamaClient(
        this IServiceCollection services, Action<SpiritProxyOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddClient(services, configSectionPath, configure, static (HttpClient http, SpiritProxyOptions options) => new SpiritOllamaClient(http, options));

    /// <summary>Registers a <see cref="SpiritOllamaClient"/> as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <param name="configSectionPath">The configuration section holding <see cref="SpiritProxyOptions"/>.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedSpiritOllamaClient(
        this IServiceCollection services, object serviceKey, Action<SpiritProxyOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath) =>
        ProviderRegistration.AddKeyedClient(services, serviceKey, configSectionPath, configure, static (HttpClient http, SpiritProxyOptions options) => new SpiritOllamaClient(http, options));
}

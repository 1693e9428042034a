using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Providers.Core.DependencyInjection;

/// <summary>
/// What every provider's <c>Add{Client}</c> / <c>AddKeyed{Client}</c> extension calls, so that each is one line: options
/// bound from the application's <c>IConfiguration</c> section (reloaded with it), then adjusted by the caller's delegate,
/// validated at start; an <see cref="HttpClient"/> from <c>IHttpClientFactory</c> that logs without credentials; and a
/// Microsoft.Extensions.AI builder to chain middleware on.
/// </summary>
/// <remarks>
/// Every registration gets options and an HTTP client of its own, even two of one provider or two keys whose
/// <see cref="object.ToString"/> match. A keyed registration whose key is a non-empty string binds
/// <c>{configSectionPath}</c> and then <c>{configSectionPath}:{key}</c> over it (settings shared by every key, then the
/// key's own); any other key binds <c>{configSectionPath}</c> alone. An application without <c>IConfiguration</c>, or
/// without the section, gets the delegate's settings only; a validation error says which of them were used.
/// </remarks>
public static class ProviderRegistration
{
    /// <summary>Registers the default <see cref="IChatClient"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configSectionPath">The configuration section to bind, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the client from the factory's <see cref="HttpClient"/> and the validated options.</param>
    /// <param name="registeredBy">The public method the application called; named in validation errors.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c> and <c>UseOpenTelemetry</c>.</returns>
    public static ChatClientBuilder AddChatClient<TOptions>(
        IServiceCollection services, string configSectionPath, Action<TOptions>? configure, Func<HttpClient, TOptions, IChatClient> create,
        [CallerMemberName] string registeredBy = "")
        where TOptions : ServiceClientOptions =>
        services.AddChatClient(ProviderOptionsRegistration.Add(services, serviceKey: null, configSectionPath, configure, create, registeredBy));

    /// <summary>Registers the keyed <see cref="IChatClient"/> <paramref name="serviceKey"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configSectionPath">The configuration section to bind (and, for a string key, its <c>:{key}</c> child over it).</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the client from the factory's <see cref="HttpClient"/> and the validated options.</param>
    /// <param name="registeredBy">The public method the application called; named in validation errors.</param>
    /// <returns>The builder, to add middleware such as <c>UseRetry</c> and <c>UseOpenTelemetry</c>.</returns>
    public static ChatClientBuilder AddKeyedChatClient<TOptions>(
        IServiceCollection services, object serviceKey, string configSectionPath, Action<TOptions>? configure, Func<HttpClient, TOptions, IChatClient> create,
        [CallerMemberName] string registeredBy = "")
        where TOptions : ServiceClientOptions
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        return services.AddKeyedChatClient(serviceKey, ProviderOptionsRegistration.Add(services, serviceKey, configSectionPath, configure, create, registeredBy));
    }

    /// <summary>Registers the default <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configSectionPath">The configuration section to bind, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the generator from the factory's <see cref="HttpClient"/> and the validated options.</param>
    /// <param name="registeredBy">The public method the application called; named in validation errors.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> AddEmbeddingGenerator<TOptions, TInput, TEmbedding>(
        IServiceCollection services, string configSectionPath, Action<TOptions>? configure, Func<HttpClient, TOptions, IEmbeddingGenerator<TInput, TEmbedding>> create,
        [CallerMemberName] string registeredBy = "")
        where TOptions : ServiceClientOptions
        where TEmbedding : Embedding =>
        services.AddEmbeddingGenerator(ProviderOptionsRegistration.Add(services, serviceKey: null, configSectionPath, configure, create, registeredBy));

    /// <summary>Registers the keyed <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> <paramref name="serviceKey"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configSectionPath">The configuration section to bind (and, for a string key, its <c>:{key}</c> child over it).</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the generator from the factory's <see cref="HttpClient"/> and the validated options.</param>
    /// <param name="registeredBy">The public method the application called; named in validation errors.</param>
    /// <returns>The builder, to add middleware such as <c>UseBatching</c> and <c>UseRetry</c>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> AddKeyedEmbeddingGenerator<TOptions, TInput, TEmbedding>(
        IServiceCollection services, object serviceKey, string configSectionPath, Action<TOptions>? configure,
        Func<HttpClient, TOptions, IEmbeddingGenerator<TInput, TEmbedding>> create, [CallerMemberName] string registeredBy = "")
        where TOptions : ServiceClientOptions
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        return services.AddKeyedEmbeddingGenerator(serviceKey, ProviderOptionsRegistration.Add(services, serviceKey, configSectionPath, configure, create, registeredBy));
    }

    /// <summary>Registers any other client (a model catalog, a job client, a rerank client) as a singleton.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configSectionPath">The configuration section to bind, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the client from the factory's <see cref="HttpClient"/> and the validated options.</param>
    /// <param name="registeredBy">The public method the application called; named in validation errors.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddClient<TOptions, TClient>(
        IServiceCollection services, string configSectionPath, Action<TOptions>? configure, Func<HttpClient, TOptions, TClient> create,
        [CallerMemberName] string registeredBy = "")
        where TOptions : ServiceClientOptions
        where TClient : class =>
        services.AddSingleton(ProviderOptionsRegistration.Add(services, serviceKey: null, configSectionPath, configure, create, registeredBy));

    /// <summary>Registers any other client (a model catalog, a job client, a rerank client) as the keyed singleton <paramref name="serviceKey"/>.</summary>
    /// <typeparam name="TOptions">The provider's options type.</typeparam>
    /// <typeparam name="TClient">The client type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key.</param>
    /// <param name="configSectionPath">The configuration section to bind (and, for a string key, its <c>:{key}</c> child over it).</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <param name="create">Creates the client from the factory's <see cref="HttpClient"/> and the validated options.</param>
    /// <param name="registeredBy">The public method the application called; named in validation errors.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedClient<TOptions, TClient>(
        IServiceCollection services, object serviceKey, string configSectionPath, Action<TOptions>? configure, Func<HttpClient, TOptions, TClient> create,
        [CallerMemberName] string registeredBy = "")
        where TOptions : ServiceClientOptions
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        var factory = ProviderOptionsRegistration.Add(services, serviceKey, configSectionPath, configure, create, registeredBy);
        return services.AddKeyedSingleton(serviceKey, (sp, _) => factory(sp));
    }

    /// <summary>
    /// Registers the default options of an in-process component (a local model) the same way: bound from the
    /// application's configuration section, when it has one, then adjusted by the delegate. Validation is the caller's.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configSectionPath">The configuration section to bind.</param>
    /// <param name="configure">Adjusts the options after binding, or <see langword="null"/>.</param>
    /// <returns>The options builder, e.g. to add <c>ValidateOnStart()</c>.</returns>
    public static OptionsBuilder<TOptions> AddOptions<TOptions>(IServiceCollection services, string configSectionPath, Action<TOptions>? configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);
        return ProviderOptionsRegistration.Bind(services, Options.DefaultName, [configSectionPath], configure);
    }
}

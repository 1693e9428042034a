using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the in-memory late-interaction store and its collections the way Microsoft.Extensions.VectorData's
/// connectors do (<c>AddInMemoryVectorStore</c>, <c>AddInMemoryCollection</c> and their keyed forms). Unless the options
/// set an embedding generator, the store or collection embeds text with the application's
/// <c>IEmbeddingGenerator&lt;string, MultiVectorEmbedding&gt;</c> (keyed like the store, else the default one), for
/// example one added with <c>AddColQwenEmbeddingGenerator</c>. Everything is a singleton: the records live in memory.
/// </summary>
public static class LateInteractionServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="LateInteractionVectorStore"/> as the <see cref="VectorStore"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adjusts the store's options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddLateInteractionVectorStore(this IServiceCollection services, Action<LateInteractionVectorStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new LateInteractionVectorStore(StoreOptions(sp, serviceKey: null, configure)));
        services.AddSingleton<VectorStore>(sp => sp.GetRequiredService<LateInteractionVectorStore>());
        return services;
    }

    /// <summary>Registers a <see cref="LateInteractionVectorStore"/> as the keyed <see cref="VectorStore"/> <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; the store embeds with the generator registered under it, or else the default one.</param>
    /// <param name="configure">Adjusts the store's options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedLateInteractionVectorStore(
        this IServiceCollection services, object serviceKey, Action<LateInteractionVectorStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        services.AddKeyedSingleton(serviceKey, (sp, key) => new LateInteractionVectorStore(StoreOptions(sp, key, configure)));
        services.AddKeyedSingleton<VectorStore>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<LateInteractionVectorStore>(key));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="LateInteractionCollection{TKey, TRecord}"/> of its own (its records are not those of a
    /// registered store's collection of the same name) as the <see cref="VectorStoreCollection{TKey, TRecord}"/> and the
    /// <see cref="IVectorSearchable{TRecord}"/>.
    /// </summary>
    /// <typeparam name="TKey">The record key type.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The collection's name.</param>
    /// <param name="configure">Adjusts the collection's options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddLateInteractionCollection<TKey, TRecord>(
        this IServiceCollection services, string name, Action<LateInteractionCollectionOptions>? configure = null)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddSingleton(sp => new LateInteractionCollection<TKey, TRecord>(name, CollectionOptions(sp, serviceKey: null, configure)));
        services.AddSingleton<VectorStoreCollection<TKey, TRecord>>(sp => sp.GetRequiredService<LateInteractionCollection<TKey, TRecord>>());
        services.AddSingleton<IVectorSearchable<TRecord>>(sp => sp.GetRequiredService<LateInteractionCollection<TKey, TRecord>>());
        return services;
    }

    /// <summary>Registers a <see cref="LateInteractionCollection{TKey, TRecord}"/> of its own under <paramref name="serviceKey"/>, as <see cref="AddLateInteractionCollection{TKey, TRecord}"/> does.</summary>
    /// <typeparam name="TKey">The record key type.</typeparam>
    /// <typeparam name="TRecord">The record type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key; the collection embeds with the generator registered under it, or else the default one.</param>
    /// <param name="name">The collection's name.</param>
    /// <param name="configure">Adjusts the collection's options.</param>
    /// <returns>The <paramref name="services"/>.</returns>
    public static IServiceCollection AddKeyedLateInteractionCollection<TKey, TRecord>(
        this IServiceCollection services, object serviceKey, string name, Action<LateInteractionCollectionOptions>? configure = null)
        where TKey : notnull
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton(serviceKey, (sp, key) => new LateInteractionCollection<TKey, TRecord>(name, CollectionOptions(sp, key, configure)));
        services.AddKeyedSingleton<VectorStoreCollection<TKey, TRecord>>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<LateInteractionCollection<TKey, TRecord>>(key));
        services.AddKeyedSingleton<IVectorSearchable<TRecord>>(serviceKey, (sp, key) => sp.GetRequiredKeyedService<LateInteractionCollection<TKey, TRecord>>(key));
        return services;
    }

    private static LateInteractionVectorStoreOptions StoreOptions(IServiceProvider services, object? serviceKey, Action<LateInteractionVectorStoreOptions>? configure)
    {
        var options = new LateInteractionVectorStoreOptions();
        configure?.Invoke(options);
        options.EmbeddingGenerator ??= TextGenerator(services, serviceKey);
        return options;
    }

    private static LateInteractionCollectionOptions CollectionOptions(IServiceProvider services, object? serviceKey, Action<LateInteractionCollectionOptions>? configure)
    {
        var options = new LateInteractionCollectionOptions();
        configure?.Invoke(options);
        options.EmbeddingGenerator ??= TextGenerator(services, serviceKey);
        return options;
    }

    private static IEmbeddingGenerator<string, MultiVectorEmbedding>? TextGenerator(IServiceProvider services, object? serviceKey) =>
        (serviceKey is null ? null : services.GetKeyedService<IEmbeddingGenerator<string, MultiVectorEmbedding>>(serviceKey))
        ?? services.GetService<IEmbeddingGenerator<string, MultiVectorEmbedding>>();
}

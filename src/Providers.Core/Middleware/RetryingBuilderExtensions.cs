using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.Core;

/// <summary>Adds retries to chat and embedding pipelines.</summary>
public static class RetryingBuilderExtensions
{
    /// <summary>Adds a <see cref="RetryingChatClient"/> to the pipeline.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Adjusts the retry options.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseRetry(this ChatClientBuilder builder, Action<RetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Configure(configure);
        return builder.Use((inner, services) => new RetryingChatClient(inner, options, CreateLogger(services, typeof(RetryingChatClient))));
    }

    /// <summary>Adds a <see cref="RetryingEmbeddingGenerator{TInput, TEmbedding}"/> to the pipeline.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Adjusts the retry options.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static EmbeddingGeneratorBuilder<TInput, TEmbedding> UseRetry<TInput, TEmbedding>(
        this EmbeddingGeneratorBuilder<TInput, TEmbedding> builder, Action<RetryOptions>? configure = null)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Configure(configure);
        return builder.Use((inner, services) => new RetryingEmbeddingGenerator<TInput, TEmbedding>(
            inner, options, CreateLogger(services, typeof(RetryingEmbeddingGenerator<TInput, TEmbedding>))));
    }

    private static RetryOptions Configure(Action<RetryOptions>? configure)
    {
        var options = new RetryOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        return options;
    }

    private static ILogger? CreateLogger(IServiceProvider services, Type category) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(category);
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Providers.Core;
using Providers.SentenceTransformers.Onnx;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local sentence-transformer embedding generators.</summary>
public static class SentenceTransformerServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="SentenceTransformerModel"/> and, over it,
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> producing
    /// <see cref="Embedding{T}"/> of <see cref="float"/> (one vector per text) and producing
    /// <see cref="MultiVectorEmbedding"/> (one vector per token).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, at least <see cref="SentenceTransformerOnnxOptions.ModelDirectory"/> or <see cref="SentenceTransformerOnnxOptions.ModelPackage"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSentenceTransformerEmbeddingGenerator(this IServiceCollection services, Action<SentenceTransformerOnnxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddSentenceTransformerEmbeddingGenerator(builder => builder.Configure(configure));
    }

    /// <summary>As <see cref="AddSentenceTransformerEmbeddingGenerator(IServiceCollection, Action{SentenceTransformerOnnxOptions})"/>, with the options bound from configuration.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configurationSection">The configuration section holding the options, e.g. <c>"SentenceTransformer"</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSentenceTransformerEmbeddingGenerator(this IServiceCollection services, string configurationSection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationSection);
        return services.AddSentenceTransformerEmbeddingGenerator(builder => builder.BindConfiguration(configurationSection));
    }

    private static IServiceCollection AddSentenceTransformerEmbeddingGenerator(
        this IServiceCollection services, Action<OptionsBuilder<SentenceTransformerOnnxOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SentenceTransformerOnnxOptions>();
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SentenceTransformerOnnxOptions>, StartupValidation>());
        services.TryAddSingleton(provider => new SentenceTransformerModel(
            provider.GetRequiredService<IOptions<SentenceTransformerOnnxOptions>>().Value, provider.GetService<ILogger<SentenceTransformerModel>>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            provider => new SentenceTransformerEmbeddingGenerator(provider.GetRequiredService<SentenceTransformerModel>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>(
            provider => new SentenceTransformerTokenEmbeddingGenerator(provider.GetRequiredService<SentenceTransformerModel>()));
        return services;
    }

    /// <summary>Names the bad setting when the host starts, rather than when a generator is first resolved.</summary>
    private sealed class StartupValidation : IValidateOptions<SentenceTransformerOnnxOptions>
    {
        public ValidateOptionsResult Validate(string? name, SentenceTransformerOnnxOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"{nameof(SentenceTransformerOnnxOptions)}: {e.Message}");
            }
        }
    }
}

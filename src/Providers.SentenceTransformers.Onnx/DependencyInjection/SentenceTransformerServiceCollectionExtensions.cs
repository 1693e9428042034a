using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Providers.Core;
using Providers.Core.DependencyInjection;
using Providers.SentenceTransformers.Onnx;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local sentence-transformer embedding generators.</summary>
public static class SentenceTransformerServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:SentenceTransformers";

    /// <summary>
    /// Registers one shared <see cref="SentenceTransformerModel"/> and, over it,
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> producing
    /// <see cref="Embedding{T}"/> of <see cref="float"/> (one vector per text) and producing
    /// <see cref="MultiVectorEmbedding"/> (one vector per token).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options after binding; they need at least <see cref="SentenceTransformerOnnxOptions.ModelDirectory"/> or <see cref="SentenceTransformerOnnxOptions.ModelPackage"/>.</param>
    /// <param name="configSectionPath">The section of the application's configuration to bind first, when there is one.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSentenceTransformerEmbeddingGenerator(
        this IServiceCollection services, Action<SentenceTransformerOnnxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ProviderRegistration.AddOptions(services, configSectionPath, configure);
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

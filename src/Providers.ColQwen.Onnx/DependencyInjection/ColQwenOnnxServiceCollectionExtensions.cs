using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Providers.ColQwen.Onnx;
using Providers.Core;
using Providers.Core.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local ColQwen2.5 page and query embedding generators.</summary>
public static class ColQwenOnnxServiceCollectionExtensions
{
    /// <summary>The configuration section read unless the caller names another.</summary>
    public const string DefaultConfigSectionPath = "Providers:ColQwenOnnx";

    /// <summary>
    /// Registers one shared <see cref="ColQwenOnnxModel"/> and, over it,
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="AIContent"/> (pages) and of
    /// <see cref="string"/> (queries), both producing <see cref="MultiVectorEmbedding"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options after binding; they need at least <see cref="ColQwenOnnxOptions.ModelDirectory"/>.</param>
    /// <param name="configSectionPath">The section of the application's configuration to bind first, when there is one.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddColQwenOnnxEmbeddings(
        this IServiceCollection services, Action<ColQwenOnnxOptions>? configure = null, string configSectionPath = DefaultConfigSectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ProviderRegistration.AddOptions(services, configSectionPath, configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ColQwenOnnxOptions>>(new OptionsValidator()));
        services.TryAddSingleton(provider => new ColQwenOnnxModel(
            provider.GetRequiredService<IOptions<ColQwenOnnxOptions>>().Value, provider.GetService<ILogger<ColQwenOnnxModel>>()));
        services.TryAddSingleton<IEmbeddingGenerator<AIContent, MultiVectorEmbedding>>(
            provider => new ColQwenOnnxPageEmbeddingGenerator(provider.GetRequiredService<ColQwenOnnxModel>()));
        services.TryAddSingleton<IEmbeddingGenerator<string, MultiVectorEmbedding>>(
            provider => new ColQwenOnnxQueryEmbeddingGenerator(provider.GetRequiredService<ColQwenOnnxModel>()));
        return services;
    }

    /// <summary>Reports a bad setting when the host starts, rather than when a generator is first resolved.</summary>
    private sealed class OptionsValidator : IValidateOptions<ColQwenOnnxOptions>
    {
        public ValidateOptionsResult Validate(string? name, ColQwenOnnxOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"{nameof(ColQwenOnnxOptions)}: {e.Message}");
            }
        }
    }
}

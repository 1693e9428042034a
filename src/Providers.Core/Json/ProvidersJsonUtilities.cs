using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>JSON settings that know this project's types in addition to Microsoft.Extensions.AI's.</summary>
public static class ProvidersJsonUtilities
{
    /// <summary>
    /// Gets options that extend <see cref="AIJsonUtilities.DefaultOptions"/> with <see cref="MultiVectorEmbedding"/>,
    /// for use wherever Microsoft.Extensions.AI serializes embeddings (for example the distributed caching middleware).
    /// </summary>
    public static JsonSerializerOptions DefaultOptions { get; } = CreateDefaultOptions();

    private static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(
                AIJsonUtilities.DefaultOptions.TypeInfoResolver,
                CoreJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }
}

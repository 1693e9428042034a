using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Providers.VectorData;

namespace Microsoft.SemanticKernel;

/// <summary>Adds the in-memory late-interaction vector store to a kernel.</summary>
public static class LateInteractionKernelBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="LateInteractionVectorStore"/> as the kernel's <see cref="VectorStore"/>. Unless
    /// <paramref name="configure"/> sets an embedding generator, the store embeds text (upserted or searched) with the
    /// kernel's <c>IEmbeddingGenerator&lt;string, MultiVectorEmbedding&gt;</c> (for example one added with
    /// <c>builder.Services.AddColQwenEmbeddingGenerator()</c>), so that a text search, such as Semantic Kernel's
    /// <c>VectorStoreTextSearch</c> makes, is scored by MaxSim.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Adjusts the store's options.</param>
    /// <param name="serviceId">
    /// The kernel service id; null for the default store. A keyed store takes the generator registered under the same
    /// id, or else the default one.
    /// </param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddLateInteractionVectorStore(
        this IKernelBuilder builder, Action<LateInteractionVectorStoreOptions>? configure = null, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _ = serviceId is null
            ? builder.Services.AddLateInteractionVectorStore(configure)
            : builder.Services.AddKeyedLateInteractionVectorStore(serviceId, configure);
        return builder;
    }
}

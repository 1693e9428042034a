using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.ColQwen;
using Providers.Core;

namespace Microsoft.SemanticKernel;

/// <summary>Adds the ColQwen service's query and page embedding generators to a kernel.</summary>
public static class ColQwenKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="ColQwenQueryEmbeddingGenerator"/> as the kernel's multi-vector query embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddColQwenEmbeddingGenerator(
        this IKernelBuilder builder, Action<ColQwenQueryEmbeddingOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddColQwenEmbeddingGenerator(configure), (s, id) => s.AddKeyedColQwenEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="ColQwenQueryEmbeddingGenerator"/> as the kernel's multi-vector query embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="ColQwenQueryEmbeddingOptions"/>, e.g. <c>Providers:ColQwen</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddColQwenEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddColQwenEmbeddingGenerator(configuration), (s, id) => s.AddKeyedColQwenEmbeddingGenerator(id, configuration), pipeline);

    /// <summary>Adds a <see cref="ColQwenImageEmbeddingGenerator"/> as the kernel's multi-vector page embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddColQwenImageEmbeddingGenerator(
        this IKernelBuilder builder, Action<ColQwenImageEmbeddingOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddColQwenImageEmbeddingGenerator(configure), (s, id) => s.AddKeyedColQwenImageEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="ColQwenImageEmbeddingGenerator"/> as the kernel's multi-vector page embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="ColQwenImageEmbeddingOptions"/>, e.g. <c>Providers:ColQwenImages</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddColQwenImageEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<DataContent, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddColQwenImageEmbeddingGenerator(configuration), (s, id) => s.AddKeyedColQwenImageEmbeddingGenerator(id, configuration), pipeline);
}

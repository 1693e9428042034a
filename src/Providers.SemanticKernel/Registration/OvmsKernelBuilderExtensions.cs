using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.Ovms;

namespace Microsoft.SemanticKernel;

/// <summary>Adds the OpenVINO Model Server's embedding generator to a kernel.</summary>
public static class OvmsKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="OvmsEmbeddingGenerator"/> as the kernel's text embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddOvmsEmbeddingGenerator(
        this IKernelBuilder builder, Action<OvmsOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddOvmsEmbeddingGenerator(configure), (s, id) => s.AddKeyedOvmsEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="OvmsEmbeddingGenerator"/> as the kernel's text embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="OvmsOptions"/>, e.g. <c>Providers:Ovms</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddOvmsEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddOvmsEmbeddingGenerator(configuration), (s, id) => s.AddKeyedOvmsEmbeddingGenerator(id, configuration), pipeline);
}

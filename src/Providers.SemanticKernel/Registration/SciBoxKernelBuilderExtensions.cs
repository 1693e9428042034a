using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.SciBox;

namespace Microsoft.SemanticKernel;

/// <summary>Adds SciBox's chat client and embedding generator to a kernel.</summary>
public static class SciBoxKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="SciBoxChatClient"/> as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSciBoxChatClient(
        this IKernelBuilder builder, Action<SciBoxOptions> configure, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSciBoxChatClient(configure), (s, id) => s.AddKeyedSciBoxChatClient(id, configure), pipeline);

    /// <summary>Adds a <see cref="SciBoxChatClient"/> as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSciBoxChatClient(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSciBoxChatClient(configuration), (s, id) => s.AddKeyedSciBoxChatClient(id, configuration), pipeline);

    /// <summary>Adds a <see cref="SciBoxEmbeddingGenerator"/> as the kernel's text embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSciBoxEmbeddingGenerator(
        this IKernelBuilder builder, Action<SciBoxOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSciBoxEmbeddingGenerator(configure), (s, id) => s.AddKeyedSciBoxEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="SciBoxEmbeddingGenerator"/> as the kernel's text embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SciBoxOptions"/>, e.g. <c>Providers:SciBox</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSciBoxEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSciBoxEmbeddingGenerator(configuration), (s, id) => s.AddKeyedSciBoxEmbeddingGenerator(id, configuration), pipeline);
}

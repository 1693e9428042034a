using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.Core;
using Providers.SvRay;

namespace Microsoft.SemanticKernel;

/// <summary>Adds the SV Ray cluster's chat client and embedding generators to a kernel.</summary>
public static class SvRayKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="SvRayChatClient"/> (gpt-oss-20b) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayChatClient(
        this IKernelBuilder builder, Action<SvRayChatOptions> configure, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSvRayChatClient(configure), (s, id) => s.AddKeyedSvRayChatClient(id, configure), pipeline);

    /// <summary>Adds a <see cref="SvRayChatClient"/> (gpt-oss-20b) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SvRayChatOptions"/>, e.g. <c>Providers:SvRayChat</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayChatClient(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSvRayChatClient(configuration), (s, id) => s.AddKeyedSvRayChatClient(id, configuration), pipeline);

    /// <summary>Adds a <see cref="SvRayEmbeddingGenerator"/> as the kernel's text embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayEmbeddingGenerator(
        this IKernelBuilder builder, Action<SvRayEmbeddingOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayEmbeddingGenerator(configure), (s, id) => s.AddKeyedSvRayEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="SvRayEmbeddingGenerator"/> as the kernel's text embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SvRayEmbeddingOptions"/>, e.g. <c>Providers:SvRay</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayEmbeddingGenerator(configuration), (s, id) => s.AddKeyedSvRayEmbeddingGenerator(id, configuration), pipeline);

    /// <summary>Adds a <see cref="SvRayImageEmbeddingGenerator"/> as the kernel's image-and-text embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayImageEmbeddingGenerator(
        this IKernelBuilder builder, Action<SvRayImageEmbeddingOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<AIContent, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayImageEmbeddingGenerator(configure), (s, id) => s.AddKeyedSvRayImageEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="SvRayImageEmbeddingGenerator"/> as the kernel's image-and-text embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SvRayImageEmbeddingOptions"/>, e.g. <c>Providers:SvRayImage</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayImageEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<AIContent, Embedding<float>>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayImageEmbeddingGenerator(configuration), (s, id) => s.AddKeyedSvRayImageEmbeddingGenerator(id, configuration), pipeline);

    /// <summary>Adds a <see cref="SvRayMultiVectorEmbeddingGenerator"/> (ColBERT) as the kernel's multi-vector text embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayMultiVectorEmbeddingGenerator(
        this IKernelBuilder builder, Action<SvRayMultiVectorEmbeddingOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayMultiVectorEmbeddingGenerator(configure), (s, id) => s.AddKeyedSvRayMultiVectorEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="SvRayMultiVectorEmbeddingGenerator"/> (ColBERT) as the kernel's multi-vector text embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SvRayMultiVectorEmbeddingOptions"/>, e.g. <c>Providers:SvRayMultiVector</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayMultiVectorEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<string, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayMultiVectorEmbeddingGenerator(configuration), (s, id) => s.AddKeyedSvRayMultiVectorEmbeddingGenerator(id, configuration), pipeline);

    /// <summary>Adds a <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> (ColPali-style pages) as the kernel's multi-vector page embedding generator.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayImageMultiVectorEmbeddingGenerator(
        this IKernelBuilder builder, Action<SvRayImageMultiVectorEmbeddingOptions> configure, string? serviceId = null, Action<EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayImageMultiVectorEmbeddingGenerator(configure), (s, id) => s.AddKeyedSvRayImageMultiVectorEmbeddingGenerator(id, configure), pipeline);

    /// <summary>Adds a <see cref="SvRayImageMultiVectorEmbeddingGenerator"/> (ColPali-style pages) as the kernel's multi-vector page embedding generator, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SvRayImageMultiVectorEmbeddingOptions"/>, e.g. <c>Providers:SvRayPages</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default generator.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseSvRayBatching().UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvRayImageMultiVectorEmbeddingGenerator(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<EmbeddingGeneratorBuilder<AIContent, MultiVectorEmbedding>>? pipeline = null) =>
        KernelBuilderRegistration.Add(builder, serviceId, s => s.AddSvRayImageMultiVectorEmbeddingGenerator(configuration), (s, id) => s.AddKeyedSvRayImageMultiVectorEmbeddingGenerator(id, configuration), pipeline);
}

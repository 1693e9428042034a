using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.Spirit;

namespace Microsoft.SemanticKernel;

/// <summary>Adds Spirit-GPU proxy-mode chat clients (the worker's OpenAI or Ollama API) to a kernel.</summary>
public static class SpiritKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="SpiritProxyChatClient"/> (the worker's OpenAI API) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSpiritProxyChatClient(
        this IKernelBuilder builder, Action<SpiritProxyOptions> configure, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSpiritProxyChatClient(configure), (s, id) => s.AddKeyedSpiritProxyChatClient(id, configure), pipeline);

    /// <summary>Adds a <see cref="SpiritProxyChatClient"/> (the worker's OpenAI API) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SpiritProxyOptions"/>, e.g. <c>Providers:SpiritProxy</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSpiritProxyChatClient(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSpiritProxyChatClient(configuration), (s, id) => s.AddKeyedSpiritProxyChatClient(id, configuration), pipeline);

    /// <summary>Adds a <see cref="SpiritOllamaChatClient"/> (the worker's Ollama API) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSpiritOllamaChatClient(
        this IKernelBuilder builder, Action<SpiritProxyOptions> configure, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSpiritOllamaChatClient(configure), (s, id) => s.AddKeyedSpiritOllamaChatClient(id, configure), pipeline);

    /// <summary>Adds a <see cref="SpiritOllamaChatClient"/> (the worker's Ollama API) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SpiritProxyOptions"/>, e.g. <c>Providers:SpiritProxy</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSpiritOllamaChatClient(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSpiritOllamaChatClient(configuration), (s, id) => s.AddKeyedSpiritOllamaChatClient(id, configuration), pipeline);
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.SvInference;

namespace Microsoft.SemanticKernel;

/// <summary>Adds the SV inference server's vision-language chat client to a kernel.</summary>
public static class SvInferenceKernelBuilderExtensions
{
    /// <summary>Adds a <see cref="SvInferenceChatClient"/> (Qwen2.5-VL) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvInferenceChatClient(
        this IKernelBuilder builder, Action<SvInferenceOptions> configure, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSvInferenceChatClient(configure), (s, id) => s.AddKeyedSvInferenceChatClient(id, configure), pipeline);

    /// <summary>Adds a <see cref="SvInferenceChatClient"/> (Qwen2.5-VL) as the kernel's <see cref="IChatClient"/>, invoking the kernel's functions when the model calls them, with options bound from configuration.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="configuration">The section holding <see cref="SvInferenceOptions"/>, e.g. <c>Providers:SvInference</c>.</param>
    /// <param name="serviceId">The kernel service id; null for the default chat client.</param>
    /// <param name="pipeline">Adds middleware, e.g. <c>p =&gt; p.UseRetry()</c>.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static IKernelBuilder AddSvInferenceChatClient(
        this IKernelBuilder builder, IConfiguration configuration, string? serviceId = null, Action<ChatClientBuilder>? pipeline = null) =>
        KernelBuilderRegistration.AddChatClient(builder, serviceId, s => s.AddSvInferenceChatClient(configuration), (s, id) => s.AddKeyedSvInferenceChatClient(id, configuration), pipeline);
}

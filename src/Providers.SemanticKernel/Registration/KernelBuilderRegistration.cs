using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Maps Semantic Kernel's <c>serviceId</c> onto our provider registrations: no id registers the default service,
/// an id registers a keyed one, as Semantic Kernel's own connectors do. The provider's builder is handed to
/// <c>pipeline</c> so middleware (retry, batching, telemetry) can be added.
/// </summary>
internal static class KernelBuilderRegistration
{
    /// <summary>
    /// Registers a chat client whose outermost layer invokes the kernel's functions when the model calls them, as
    /// Semantic Kernel's connectors do: a kernel prompt with <c>FunctionChoiceBehavior.Auto()</c> then runs the whole
    /// tool loop, and middleware added by <paramref name="pipeline"/> (retry, telemetry) sees each model call.
    /// </summary>
    public static IKernelBuilder AddChatClient(
        IKernelBuilder builder, string? serviceId, Func<IServiceCollection, ChatClientBuilder> register,
        Func<IServiceCollection, string, ChatClientBuilder> registerKeyed, Action<ChatClientBuilder>? pipeline) =>
        Add(builder, serviceId, register, registerKeyed, chat =>
        {
            chat.UseKernelFunctionInvocation();
            pipeline?.Invoke(chat);
        });

    public static IKernelBuilder Add<TPipeline>(
        IKernelBuilder builder, string? serviceId, Func<IServiceCollection, TPipeline> register,
        Func<IServiceCollection, string, TPipeline> registerKeyed, Action<TPipeline>? pipeline)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registered = serviceId is null ? register(builder.Services) : registerKeyed(builder.Services, serviceId);
        pipeline?.Invoke(registered);
        return builder;
    }
}

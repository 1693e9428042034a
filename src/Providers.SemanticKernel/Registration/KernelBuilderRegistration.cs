using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel;

/// <summary>
/// Maps Semantic Kernel's <c>serviceId</c> onto our provider registrations: no id registers the default service,
/// an id registers a keyed one, as Semantic Kernel's own connectors do. The provider's builder is handed to
/// <c>pipeline</c> so middleware (retry, batching, telemetry) can be added.
/// </summary>
internal static class KernelBuilderRegistration
{
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

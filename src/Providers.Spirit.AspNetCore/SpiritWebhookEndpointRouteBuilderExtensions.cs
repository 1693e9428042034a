using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Providers.Spirit;
using Providers.Spirit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint that receives Spirit-GPU's webhook calls.</summary>
public static class SpiritWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> to receive async job results from Spirit-GPU and complete the jobs waited for with
    /// <see cref="SpiritJob.WaitForResultAsync"/>. Set <see cref="SpiritJobClientOptions.WebhookUrl"/> to this endpoint's
    /// public URL. Each submission's webhook URL carries a one-use nonce, an expiry and their signature, bound to the
    /// job once the service names it; the endpoint answers 403 to any call that is not that job's first delivery through
    /// an unexpired URL this app issued, so that neither a request id nor a captured URL lets anyone complete a job.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, for example <c>/spirit/webhook</c>.</param>
    /// <returns>The endpoint's builder, to add conventions such as authorization or rate limiting.</returns>
    /// <exception cref="InvalidOperationException">No <see cref="SpiritWebhookRegistry"/> is registered.</exception>
    public static IEndpointConventionBuilder MapSpiritWebhook(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/spirit/webhook")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var registry = endpoints.ServiceProvider.GetService<SpiritWebhookRegistry>() ?? throw new InvalidOperationException(
            "MapSpiritWebhook needs a SpiritWebhookRegistry: register a client with services.AddSpiritJobClient(...) (or the Spirit handler adapters), or add the registry the clients use with services.AddSingleton(registry).");
        var endpoint = new SpiritWebhookEndpoint(registry);
        return endpoints.MapPost(pattern, endpoint.HandleAsync).WithDisplayName("Spirit-GPU webhook");
    }
}

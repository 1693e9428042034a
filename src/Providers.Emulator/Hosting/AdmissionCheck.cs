using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Endpoint metadata: a check (authentication, mostly) that <see cref="AdmissionMiddleware"/> runs before the fault
/// plan, so a refused request never takes a fault meant for an admitted one. The check answers the refusal itself and
/// returns false. Metadata rather than an endpoint filter: filters compile a handler per route, which made each
/// emulator start several times slower.
/// </summary>
internal sealed class AdmissionCheck(Func<HttpContext, Task<bool>> admit)
{
    public Task<bool> AdmitAsync(HttpContext context) => admit(context);
}

/// <summary>Attaches an <see cref="AdmissionCheck"/> to a route.</summary>
internal static class AdmissionCheckExtensions
{
    public static IEndpointConventionBuilder RequireAdmission(this IEndpointConventionBuilder endpoint, Func<HttpContext, Task<bool>> admit) =>
        endpoint.WithMetadata(new AdmissionCheck(admit));
}

using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Puts a check (authentication, mostly) in front of an endpoint. The check answers the refusal itself and
/// returns false. A plain wrapper rather than an endpoint filter: filters compile a handler per route, which
/// made each emulator start several times slower.
/// </summary>
internal static class AdmissionCheck
{
    public static RequestDelegate After(this RequestDelegate endpoint, Func<HttpContext, Task<bool>> admit) =>
        async context =>
        {
            if (await admit(context).ConfigureAwait(false))
            {
                await endpoint(context).ConfigureAwait(false);
            }
        };
}

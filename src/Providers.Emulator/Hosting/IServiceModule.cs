using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Providers.Emulator.Errors;

namespace Providers.Emulator.Hosting;

/// <summary>One emulated service: its routes, and the conventions the shared middleware must speak in its name.</summary>
internal interface IServiceModule
{
    EmulatedService Service { get; }

    /// <summary>The error shape of the server behind <paramref name="localPath"/> (a service may front two servers).</summary>
    ErrorShape ErrorsFor(string localPath);

    /// <summary>The <c>Retry-After</c> value this service would send for <paramref name="wait"/>.</summary>
    string FormatRetryAfter(TimeSpan wait);

    /// <summary>
    /// Adds the headers the server puts on every answer it gives itself, so that failures the fault plan injects
    /// in its name carry them too. Most servers add none.
    /// </summary>
    void AddResponseHeaders(HttpContext context)
    {
    }

    /// <summary>
    /// True for a server built on Starlette (FastAPI, vLLM): a path it has no route for answers
    /// <c>404 {"detail":"Not Found"}</c> and a method a route does not take <c>405 {"detail":"Method Not Allowed"}</c>
    /// with <c>Allow</c>, whatever the service's own error shape. Other servers answer 404 in their own shape.
    /// </summary>
    bool RoutesLikeStarlette => false;

    /// <summary>The largest request body <paramref name="localPath"/> takes.</summary>
    long MaxRequestBodyBytes(string localPath) => RequestSizeLimits.Text;

    /// <summary>How the service refuses a body over <paramref name="limit"/>.</summary>
    (int Status, string Message) TooLarge(long limit) => RequestSizeLimitMiddleware.PayloadTooLarge(limit);

    /// <summary>Maps the service's routes, relative to its prefix.</summary>
    void Map(IEndpointRouteBuilder routes);
}

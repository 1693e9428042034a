using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Providers.Emulator.Errors;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Answers a request no route took: 404 in the service's shape, or, for a Starlette server, Starlette's own
/// 404 and, when the path exists for other methods, 405 with <c>Allow</c> (Starlette's router tells a path it does
/// not know from a method a known path does not take).
/// </summary>
internal sealed class UnroutedRequestHandler(ServiceModules modules, EndpointDataSource endpoints)
{
    private readonly Lazy<Dictionary<string, string[]>> _methodsByPath = new(() => MethodsByPath(endpoints));

    public Task HandleAsync(HttpContext context)
    {
        if (!ServicePath.TryParse(context.Request.Path, out var service, out var localPath))
        {
            return Results.NotFound().ExecuteAsync(context);
        }

        var module = modules[service];
        if (!module.RoutesLikeStarlette)
        {
            return module.ErrorsFor(localPath).WriteAsync(context, StatusCodes.Status404NotFound, "Not Found");
        }

        var path = (context.Request.Path.Value ?? string.Empty).TrimEnd('/');
        if (_methodsByPath.Value.TryGetValue(path, out var allowed))
        {
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return FastApiErrors.Instance.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed");
        }

        return FastApiErrors.Instance.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found");
    }

    /// <summary>The methods of every route whose pattern is all literal text (the Starlette services' routes are).</summary>
    private static Dictionary<string, string[]> MethodsByPath(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.PathSegments.All(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart))
            .Select(e => (
                Path: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => ((RoutePatternLiteralPart)s.Parts[0]).Content)),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .GroupBy(e => e.Path, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Methods).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
}

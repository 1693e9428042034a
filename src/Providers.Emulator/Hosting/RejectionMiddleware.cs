using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>Renders a <see cref="RequestRejectedException"/> in the error shape of the service that threw it.</summary>
internal sealed class RejectionMiddleware(RequestDelegate next, ServiceModules modules)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (RequestRejectedException ex) when (!context.Response.HasStarted
            && ServicePath.TryParse(context.Request.Path, out var service, out var localPath))
        {
            if (ex.Body is not null)
            {
                await JsonBody.WriteAsync(context, ex.Body, ex.Status).ConfigureAwait(false);
                return;
            }

            await modules[service].ErrorsFor(localPath).WriteAsync(context, ex.Status, ex.Message).ConfigureAwait(false);
        }
    }
}

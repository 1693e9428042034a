using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Runs the matched route's <see cref="AdmissionCheck"/> before anything else answers: a real server refuses a request
/// without credentials before its own failures, rate limits or the emulator's scheduled faults can touch it.
/// </summary>
internal sealed class AdmissionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AdmissionCheck>() is { } check && !await check.AdmitAsync(context).ConfigureAwait(false))
        {
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Faults;

/// <summary>Applies the fault plan to each service request: rate limit, delay, canned failure, damaged body.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultPlan plan, ServiceModules modules)
{
    public const string HeaderName = "x-emulator-fault";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ServicePath.TryParse(context.Request.Path, out var service, out var localPath))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var module = modules[service];
        if (!TryScheduleHeaderFaults(context, service, localPath, out var headerError))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"Invalid {HeaderName} header: {headerError}", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (plan.RateLimitFor(service, localPath) is { } bucket)
        {
            var allowed = bucket.TryTake(out var wait, out var remaining);
            RateLimitHeaders.Set(context.Response, bucket.Capacity, remaining);
            if (!allowed)
            {
                module.AddResponseHeaders(context);
                context.Response.Headers.RetryAfter = module.FormatRetryAfter(wait);
                await module.ErrorsFor(localPath).WriteAsync(context, StatusCodes.Status429TooManyRequests, "Rate limit exceeded. Please retry after the time given in retry-after.").ConfigureAwait(false);
                return;
            }
        }

        var faults = plan.Claim(service, localPath);
        if (faults.IsEmpty)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Features.Set(faults);
        if (faults.Delay is { } delay)
        {
            await Task.Delay(delay.Duration, context.RequestAborted).ConfigureAwait(false);
        }

        switch (faults.Response)
        {
            case FailAction fail:
                await FailAsync(context, fail, module, localPath).ConfigureAwait(false);
                return;
            case HtmlPageAction html:
                context.Response.StatusCode = html.Status;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(HtmlErrorPages.For(html.Status), context.RequestAborted).ConfigureAwait(false);
                return;
        }

        if (faults.Body is { } bodyFault)
        {
            await BodyFaults.ApplyAsync(context, bodyFault, next).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private bool TryScheduleHeaderFaults(HttpContext context, EmulatedService service, string localPath, out string? error)
    {
        error = null;
        if (!context.Request.Headers.TryGetValue(HeaderName, out var header))
        {
            return true;
        }

        try
        {
            var builder = plan.For(service, localPath);
            foreach (var fault in FaultSpec.Parse(header.ToString()))
            {
                fault(builder);
            }

            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            error = ex.Message;
            return false;
        }
    }

    private static async Task FailAsync(HttpContext context, FailAction fail, IServiceModule module, string localPath)
    {
        module.AddResponseHeaders(context);
        if (fail.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = fail.RetryAfter;
        }

        if (fail.RetryAfterMs is not null)
        {
            context.Response.Headers["retry-after-ms"] = fail.RetryAfterMs;
        }

        if (fail.Body is null)
        {
            var message = string.Create(CultureInfo.InvariantCulture, $"Injected failure with status {fail.Status}.");
            await module.ErrorsFor(localPath).WriteAsync(context, fail.Status, message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = fail.Status;
        context.Response.ContentType = fail.Body.TrimStart().StartsWith('{') ? "application/json" : "text/plain";
        await context.Response.WriteAsync(fail.Body, context.RequestAborted).ConfigureAwait(false);
    }
}

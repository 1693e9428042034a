using System.Text;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Recording;

/// <summary>Records every request addressed to a service, with its body, before anything else answers it.</summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, EmulatorRequestLog log, EmulatorOptions options, ServiceModules modules)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ServicePath.TryParse(context.Request.Path, out var service, out var localPath))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Request.EnableBuffering();
        long size;
        string body;
        try
        {
            (size, body) = await ReadBodyAsync(context.Request, options.RecordedBodyLimit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RequestBodyTooLargeException)
        {
            // A body over the route's limit: the size middleware outside answers, with the service's status for it.
            var (status, _) = modules[service].TooLarge(0);
            log.Add(Record(context, service, localPath, context.Request.ContentLength ?? 0, string.Empty) with { StatusCode = status });
            throw;
        }

        var recorded = Record(context, service, localPath, size, body);
        log.Add(recorded);

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            recorded.StatusCode = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode;
        }
    }

    private static RecordedRequest Record(HttpContext context, EmulatedService service, string localPath, long size, string body) => new(
        service,
        context.Request.Method,
        localPath,
        context.Request.QueryString.Value ?? string.Empty,
        RedactedHeaders(context.Request.Headers),
        size,
        body);

    private static Dictionary<string, string> RedactedHeaders(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            result[name] = HeaderRedaction.IsSecret(name) ? HeaderRedaction.Redacted : value.ToString();
        }

        return result;
    }

    private static async Task<(long Size, string Text)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        long size = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var keep = (int)Math.Clamp(limit - kept.Length, 0, read);
            kept.Write(buffer, 0, keep);
            size += read;
        }

        request.Body.Position = 0;
        return (size, Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length));
    }
}

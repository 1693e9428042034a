using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Providers.Emulator.Faults;

/// <summary>
/// Runs the endpoint into a buffer, then sends its body damaged: cut and reset, cut short, or padded.
/// Buffering is what lets a reset carry the full <c>Content-Length</c>, so the client sees a body end early.
/// </summary>
internal static class BodyFaults
{
    private const int PaddingChunk = 64 * 1024;

    public static async Task ApplyAsync(HttpContext context, FaultAction fault, RequestDelegate next)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        var buffering = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(buffering);
        try
        {
            await next(context).ConfigureAwait(false);

            // Flushes what an endpoint left in the pipe writer (Utf8JsonWriter on BodyWriter only advances it).
            await buffering.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var cancellationToken = context.RequestAborted;
        switch (fault)
        {
            case ResetMidBodyAction:
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body[..(body.Length / 2)], cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                context.Abort();
                break;
            case MalformedJsonAction:
                context.Response.ContentLength = body.Length / 2;
                await context.Response.Body.WriteAsync(body[..(body.Length / 2)], cancellationToken).ConfigureAwait(false);
                break;
            case OversizedBodyAction oversized:
                var total = Math.Max(oversized.Bytes, body.Length);
                context.Response.ContentLength = total;
                await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
                await PadAsync(context.Response.Body, total - body.Length, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static async Task PadAsync(Stream body, long bytes, CancellationToken cancellationToken)
    {
        var spaces = new byte[PaddingChunk];
        Array.Fill(spaces, (byte)' ');
        for (var left = bytes; left > 0; left -= PaddingChunk)
        {
            await body.WriteAsync(spaces.AsMemory(0, (int)Math.Min(PaddingChunk, left)), cancellationToken).ConfigureAwait(false);
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Hosting;

/// <summary>
/// Caps each request body at its route's limit and refuses a larger one in the service's own error shape, with the
/// status the service uses (413, or Spirit's 400). A declared <c>Content-Length</c> over the limit is refused before
/// a byte is read; a chunked body as soon as it crosses the limit. The rest of the body is then read and dropped
/// (cheap) so that the client, still sending, gets the refusal instead of a broken pipe.
/// </summary>
internal sealed class RequestSizeLimitMiddleware(RequestDelegate next, ServiceModules modules)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ServicePath.TryParse(context.Request.Path, out var service, out var localPath))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var module = modules[service];
        var limit = module.MaxRequestBodyBytes(localPath);
        var body = context.Request.Body;
        context.Request.Body = new CappedRequestStream(body, limit, context.Request.ContentLength);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (RequestBodyTooLargeException) when (!context.Response.HasStarted)
        {
            await body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            var (status, message) = module.TooLarge(limit);
            module.AddResponseHeaders(context);
            await module.ErrorsFor(localPath).WriteAsync(context, status, message).ConfigureAwait(false);
        }
    }

    /// <summary>The refusal most services give: 413 naming the limit.</summary>
    public static (int Status, string Message) PayloadTooLarge(long limit) =>
        (StatusCodes.Status413PayloadTooLarge, string.Create(CultureInfo.InvariantCulture, $"Request body too large: this route takes at most {limit} bytes."));
}

/// <summary>A request body over its route's limit.</summary>
internal sealed class RequestBodyTooLargeException(long limit)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"The request body is over the route's limit of {limit} bytes."));

/// <summary>A request body that throws <see cref="RequestBodyTooLargeException"/> once more than the limit is read.</summary>
internal sealed class CappedRequestStream(Stream inner, long limit, long? declaredLength) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Check(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Check(buffer.Length)], cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Reads at most one byte past the limit, which is enough to know the body is over it.
    private int Check(int count) =>
        declaredLength > limit ? throw new RequestBodyTooLargeException(limit) : (int)Math.Min(count, limit + 1 - _read);

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new RequestBodyTooLargeException(limit) : read;
    }
}

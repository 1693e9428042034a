namespace Providers.Core;

/// <summary>
/// A response body that fails when one read waits longer than the idle timeout: a stream that stalls after its headers
/// (or a download that stops mid-way) otherwise waits for as long as the caller's token allows, often forever.
/// </summary>
/// <remarks>
/// One timer serves every read, re-armed before each and disarmed after it, as Azure.Core's read-timeout stream does;
/// cancelling a read on <c>SocketsHttpHandler</c> aborts the connection, so a timed-out body cannot be read further.
/// </remarks>
internal sealed class IdleTimeoutStream(Stream inner, TimeSpan idleTimeout, TimeProvider timeProvider, Func<Exception, ServiceTimeoutException> timedOut) : Stream
{
    private CancellationTokenSource? _idle;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var idle = Arm();
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token) : null;
        try
        {
            return await inner.ReadAsync(buffer, linked?.Token ?? idle.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
            e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            throw timedOut(e);
        }
        finally
        {
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads cannot be cancelled; nothing in this project reads a response body synchronously.
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _idle?.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _idle?.Dispose();
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    // A source made with a time provider keeps that provider's timer for every later CancelAfter; one that has fired is replaced.
    private CancellationTokenSource Arm()
    {
        if (_idle is { IsCancellationRequested: false } idle)
        {
            idle.CancelAfter(idleTimeout);
            return idle;
        }

        _idle?.Dispose();
        return _idle = new CancellationTokenSource(idleTimeout, timeProvider);
    }
}

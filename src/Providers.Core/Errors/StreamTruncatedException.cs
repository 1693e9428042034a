namespace Providers.Core;

/// <summary>
/// A streamed answer ended before its end marker (for SSE, <c>data: [DONE]</c>): what arrived is only part of the
/// answer. Retryable, but retry middleware only retries a stream before its first update reached the caller.
/// </summary>
public class StreamTruncatedException : ProviderException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service whose stream ended early.</param>
    /// <param name="message">What arrived before the end.</param>
    /// <param name="innerException">The transport error that ended the stream, if any.</param>
    public StreamTruncatedException(string serviceName, string message, Exception? innerException = null)
        : base(serviceName, message, innerException)
    {
        IsRetryable = true;
    }
}

namespace Providers.Core;

/// <summary>
/// A service took longer than the client allows: no response headers within <see cref="ServiceClientOptions.Timeout"/>,
/// or a body (a stream or a download) that sent nothing for <see cref="ServiceClientOptions.IdleTimeout"/>.
/// Retryable; retry middleware still never replays a stream whose first update reached the caller.
/// </summary>
public class ServiceTimeoutException : ProviderException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service that did not answer in time.</param>
    /// <param name="message">What was waited for, naming the route and the time waited.</param>
    /// <param name="waited">How long the client waited.</param>
    /// <param name="innerException">The cancellation that ended the wait, if any.</param>
    public ServiceTimeoutException(string serviceName, string message, TimeSpan? waited, Exception? innerException = null)
        : base(serviceName, message, innerException)
    {
        Waited = waited;
        IsRetryable = true;
    }

    /// <summary>Gets how long the client waited before giving up, or <see langword="null"/> when only the HttpClient's own timeout knows.</summary>
    public TimeSpan? Waited { get; }
}

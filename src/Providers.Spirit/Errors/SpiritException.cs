using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// Spirit-GPU refused a request or a job failed. <see cref="Kind"/> says which of the service's documented errors it
/// is; <see cref="ProviderException.RequestId"/> holds the job's request id when the error concerns a job.
/// </summary>
public sealed class SpiritException : ProviderException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="kind">Which documented error this is.</param>
    /// <param name="message">What went wrong, in the service's words where it gave any.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SpiritException(SpiritErrorKind kind, string message, Exception? innerException = null)
        : base(SpiritJobClient.ServiceName, message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets which of the service's documented errors this is.</summary>
    public SpiritErrorKind Kind { get; }
}

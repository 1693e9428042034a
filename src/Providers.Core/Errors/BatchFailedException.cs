namespace Providers.Core;

/// <summary>One batch of a larger embedding call failed (after any retries); <see cref="ProviderException.FailedInputs"/> names its inputs.</summary>
public class BatchFailedException : ProviderException
{
    /// <summary>Initializes a new instance that carries over the status and codes of the batch's own error.</summary>
    /// <param name="serviceName">The service, or the generator's provider name.</param>
    /// <param name="range">The inputs the failed batch carried.</param>
    /// <param name="innerException">The batch's error.</param>
    public BatchFailedException(string serviceName, InputRange range, Exception innerException)
        : base(serviceName, $"The batch of inputs {range} sent to {serviceName} failed: {innerException?.Message}", innerException)
    {
        FailedInputs = range;
        if (innerException is ProviderException inner)
        {
            StatusCode = inner.StatusCode;
            ErrorCode = inner.ErrorCode;
            ErrorType = inner.ErrorType;
            RequestId = inner.RequestId;
            Route = inner.Route;
            RetryAfter = inner.RetryAfter;
            IsRetryable = inner.IsRetryable;
        }
    }
}

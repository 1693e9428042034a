namespace Providers.Core;

/// <summary>
/// One batch of a larger embedding call failed (after any retries). <see cref="ProviderException.FailedInputs"/> names,
/// in the caller's list, the inputs the batch's own error blamed, or else every input the batch carried.
/// </summary>
public class BatchFailedException : ProviderException
{
    /// <summary>Initializes a new instance that carries over the status and codes of the batch's own error.</summary>
    /// <param name="serviceName">The service, or the generator's provider name.</param>
    /// <param name="range">The inputs the failed batch carried.</param>
    /// <param name="innerException">The batch's error; inputs it names are positions within the batch.</param>
    public BatchFailedException(string serviceName, InputRange range, Exception innerException)
        : base(serviceName, Describe(serviceName, range, innerException), innerException)
    {
        FailedInputs = Blamed(range, innerException) ?? range;
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

    private static string Describe(string serviceName, InputRange range, Exception? innerException)
    {
        string where = Blamed(range, innerException) is { } blamed
            ? blamed.Count == 1
                ? $" at input {blamed.Start} of the call (input {blamed.Start - range.Start} of the batch)"
                : $" at inputs {blamed} of the call ({new InputRange(blamed.Start - range.Start, blamed.Count)} of the batch)"
            : string.Empty;
        return $"The batch of inputs {range} sent to {serviceName} failed{where}: {innerException?.Message}";
    }

    /// <summary>The inputs the batch's error names, moved from batch positions to the caller's; null when it names the whole batch or none.</summary>
    private static InputRange? Blamed(InputRange range, Exception? innerException) =>
        innerException is ProviderException { FailedInputs: { } failed }
            && failed.Start >= 0 && failed.End <= range.Count && failed.Count < range.Count
            ? new InputRange(range.Start + failed.Start, failed.Count)
            : null;
}

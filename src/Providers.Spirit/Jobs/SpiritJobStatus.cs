namespace Providers.Spirit;

/// <summary>One job's status as the service reports it.</summary>
public sealed class SpiritJobStatus
{
    private const int StillRunningOrDone = 200;
    private const int Forgotten = 404;
    private const int DroppedAfterTimeToLive = 408;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="requestId">The job's request id.</param>
    /// <param name="statusCode">The job's status code: 200 running or done, 404 forgotten, anything else an error.</param>
    /// <param name="status">The service's status word (<c>executing</c>, <c>succeed</c>, <c>failed</c>), if any.</param>
    /// <param name="message">The service's message, if any.</param>
    /// <param name="result">The handler's output, once the job has succeeded and when it fits in the status (2 MB).</param>
    public SpiritJobStatus(string requestId, int statusCode, string? status, string? message, SpiritResult? result)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        RequestId = requestId;
        StatusCode = statusCode;
        Status = status;
        Message = message;
        Result = result;
        State = Classify(statusCode, status, result);
    }

    /// <summary>Gets the job's request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the job's status code: 200 while running and after success, 404 once forgotten, otherwise an error such as 408 or 500.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the service's status word, such as <c>executing</c>, <c>succeed</c> or <c>failed</c>.</summary>
    public string? Status { get; }

    /// <summary>Gets the service's message, which explains a failure.</summary>
    public string? Message { get; }

    /// <summary>Gets the handler's output once the job has succeeded, decoded from base64; <see langword="null"/> before, or when over 2 MB.</summary>
    public SpiritResult? Result { get; }

    /// <summary>Gets where the job stands.</summary>
    public SpiritJobState State { get; }

    /// <inheritdoc />
    public override string ToString() => $"Spirit-GPU job {RequestId}: {State} ({StatusCode} {Status})";

    private static SpiritJobState Classify(int statusCode, string? status, SpiritResult? result)
    {
        if (statusCode == Forgotten)
        {
            return SpiritJobState.Expired;
        }

        if (statusCode == DroppedAfterTimeToLive)
        {
            return SpiritJobState.TimedOut;
        }

        if (statusCode != StillRunningOrDone || string.Equals(status, "failed", StringComparison.OrdinalIgnoreCase))
        {
            return SpiritJobState.Failed;
        }

        return result is not null || string.Equals(status, "succeed", StringComparison.OrdinalIgnoreCase)
            ? SpiritJobState.Succeeded
            : SpiritJobState.InProgress;
    }
}

using System.Net;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>Turns the service's error statuses, and jobs that ended badly, into <see cref="SpiritException"/>s.</summary>
internal static class SpiritErrors
{
    // API.md names three 500s of the service's own, for which it asks to "try again later". Any other 500 carries the
    // handler's error ("failed to handle message {id}: {err}", or the error alone), which recurs for the same input.
    private static readonly string[] ServiceFailures = ["failed to publish message", "failed to get status", "failed to cancel message"];

    /// <summary>Re-raises an error status answered by the API as a <see cref="SpiritException"/> of the matching kind.</summary>
    public static SpiritException FromResponse(ProviderException error)
    {
        var kind = KindOf(error.StatusCode, error.Message);
        return new SpiritException(kind, error.Message, error)
        {
            StatusCode = error.StatusCode,
            ErrorCode = error.ErrorCode,
            ErrorType = error.ErrorType,
            RetryAfter = error.RetryAfter,
            RequestId = error.RequestId,
            Route = error.Route,
            IsRetryable = IsRetryable(kind, error.StatusCode),
        };
    }

    /// <summary>The error for a job whose status or webhook reports a failure.</summary>
    /// <param name="requestId">The job's request id.</param>
    /// <param name="statusCode">The status code the job ended with (408 for an expired time-to-live, 500 for a handler error).</param>
    /// <param name="message">The service's message, already redacted.</param>
    public static SpiritException JobFailed(string requestId, int statusCode, string? message)
    {
        var kind = statusCode == (int)HttpStatusCode.RequestTimeout ? SpiritErrorKind.RequestTimeout : SpiritErrorKind.HandlerFailed;
        string what = kind == SpiritErrorKind.RequestTimeout ? "timed out" : "failed";
        return new SpiritException(kind, $"Spirit-GPU job {requestId} {what} ({statusCode}): {message ?? "no message"}")
        {
            StatusCode = statusCode >= 400 ? (HttpStatusCode)statusCode : null,
            RequestId = requestId,

            // Running the job again is the cure for a time-out; a handler error recurs for the same input.
            IsRetryable = kind == SpiritErrorKind.RequestTimeout,
        };
    }

    public static SpiritException StatusExpired(string requestId) =>
        new(SpiritErrorKind.StatusExpired, $"Spirit-GPU no longer knows job {requestId}: the service keeps a job's status for 30 minutes after it ends.")
        {
            StatusCode = HttpStatusCode.NotFound,
            RequestId = requestId,
        };

    public static SpiritException ResultNotInStatus(string requestId) =>
        new(SpiritErrorKind.ResultNotInStatus,
            $"Spirit-GPU job {requestId} succeeded, but its status carries no result: results over 2 MB reach only the webhook. Submit with a webhook to receive them.")
        {
            RequestId = requestId,
        };

    private static SpiritErrorKind KindOf(HttpStatusCode? status, string message) => status switch
    {
        HttpStatusCode.BadRequest => SpiritErrorKind.InvalidRequest,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => SpiritErrorKind.Unauthorized,
        HttpStatusCode.NotFound => SpiritErrorKind.NotFound,
        HttpStatusCode.RequestTimeout => SpiritErrorKind.RequestTimeout,
        HttpStatusCode.ServiceUnavailable => SpiritErrorKind.GpuUnavailable,
        HttpStatusCode.InternalServerError when ServiceFailures.Any(f => message.Contains(f, StringComparison.OrdinalIgnoreCase)) => SpiritErrorKind.ServiceError,
        HttpStatusCode.InternalServerError => SpiritErrorKind.HandlerFailed,
        _ => SpiritErrorKind.Other,
    };

    private static bool IsRetryable(SpiritErrorKind kind, HttpStatusCode? status) => kind switch
    {
        SpiritErrorKind.RequestTimeout or SpiritErrorKind.GpuUnavailable or SpiritErrorKind.ServiceError => true,
        SpiritErrorKind.Other => status is { } s && ProviderException.IsTransientStatus(s),
        _ => false,
    };
}

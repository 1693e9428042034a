namespace Providers.Spirit;

/// <summary>What went wrong with a Spirit-GPU request or job, from the service's documented errors (API.md, "Error").</summary>
public enum SpiritErrorKind
{
    /// <summary>An error the service does not document, such as a gateway's 502; see the status code.</summary>
    Other,

    /// <summary>400: the body is over 20 MB, not a JSON object with <c>input</c>, or an async request lacks its webhook.</summary>
    InvalidRequest,

    /// <summary>401 or 403: the API key was refused.</summary>
    Unauthorized,

    /// <summary>404 from the API: the serverless id is unknown.</summary>
    NotFound,

    /// <summary>408: a sync request got no result within 3 minutes, or an async job outlived its time-to-live. Retryable.</summary>
    RequestTimeout,

    /// <summary>503: no GPU is free for a sync request now. Retryable.</summary>
    GpuUnavailable,

    /// <summary>500 "failed to publish message", "failed to get status" or "failed to cancel message(s)": the service's own failure ("please try again later"). Retryable.</summary>
    ServiceError,

    /// <summary>Any other 500, or a job's status <c>failed</c>: the handler raised an error while running the request.</summary>
    HandlerFailed,

    /// <summary>The job's status is gone (status code 404): the service keeps it for 30 minutes after the job ends.</summary>
    StatusExpired,

    /// <summary>The job succeeded but its result is not in its status: results over 2 MB reach only the webhook.</summary>
    ResultNotInStatus,
}

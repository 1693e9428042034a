namespace Providers.Spirit;

/// <summary>Where a Spirit-GPU job stands, read from its status (API.md, "Status of Request").</summary>
public enum SpiritJobState
{
    /// <summary>Queued or executing: status code 200 and no result yet.</summary>
    InProgress,

    /// <summary>Finished: status <c>succeed</c>, or status code 200 with a result.</summary>
    Succeeded,

    /// <summary>The handler failed, or its result could not be delivered; see <see cref="SpiritJobStatus.Message"/>.</summary>
    Failed,

    /// <summary>Status code 408: the job outlived its time-to-live in the queue and was dropped.</summary>
    TimedOut,

    /// <summary>Status code 404: the service has forgotten the job (it keeps a status for 30 minutes after the job ends).</summary>
    Expired,
}

namespace Providers.Spirit;

/// <summary>How an adapter runs the handler for each call.</summary>
public enum SpiritInvocation
{
    /// <summary><c>POST /v1/{id}/sync</c>: one request, answered within the service's 3-minute wait or with 408.</summary>
    Sync,

    /// <summary>
    /// Submit a job and wait for its result (through the webhook when the client's registry hears it, otherwise by
    /// polling): for handlers that may run longer than the sync wait. Needs a webhook URL; the service refuses async jobs
    /// without one. Cancelling the call stops waiting; the job itself goes on.
    /// </summary>
    Async,
}

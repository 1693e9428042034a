using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// Waits for a job's end: by its webhook delivery when the client's registry can hear it, otherwise (and as a slow
/// safety net) by polling its status with doubling intervals.
/// </summary>
internal sealed class SpiritJobPolling(SpiritJobClient client, TimeSpan pollInterval, TimeSpan maxPollInterval, TimeProvider timeProvider)
{
    private const int MaxConsecutivePollFailures = 3;

    public async Task<SpiritResult> WaitAsync(SpiritJob job, CancellationToken cancellationToken)
    {
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivery = job.Webhook is not null && client.Webhooks is { } webhooks ? webhooks.WaitAsync(job.Id, stopWaiting.Token) : null;
        try
        {
            var interval = delivery is null ? pollInterval : maxPollInterval;
            int failures = 0;
            while (true)
            {
                if (delivery is { IsCompleted: true })
                {
                    return FromDelivery(await delivery.ConfigureAwait(false));
                }

                SpiritJobStatus? status = null;
                try
                {
                    status = await client.GetStatusAsync(job.Id, cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }
                catch (ProviderException e) when (e.IsRetryable && ++failures < MaxConsecutivePollFailures)
                {
                    // A status poll that failed transiently says nothing about the job; the next poll asks again.
                }

                if (status is not null && TryGetResult(status, expectWebhook: delivery is not null) is { } result)
                {
                    return result;
                }

                var pause = Task.Delay(interval, timeProvider, stopWaiting.Token);
                if (delivery is not null && await Task.WhenAny(pause, delivery).ConfigureAwait(false) == delivery)
                {
                    return FromDelivery(await delivery.ConfigureAwait(false));
                }

                await pause.ConfigureAwait(false);
                interval = interval * 2 < maxPollInterval ? interval * 2 : maxPollInterval;
            }
        }
        finally
        {
            // Ends the webhook wait and any pause still pending.
            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The result of a finished job, null while it runs; throws for a job that ended without one.</summary>
    private SpiritResult? TryGetResult(SpiritJobStatus status, bool expectWebhook) => status.State switch
    {
        SpiritJobState.Succeeded when status.Result is not null => status.Result,

        // A result over 2 MB is left out of the status; only the webhook carries it.
        SpiritJobState.Succeeded => expectWebhook ? null : throw SpiritErrors.ResultNotInStatus(status.RequestId),
        SpiritJobState.InProgress => null,
        SpiritJobState.Expired => throw SpiritErrors.StatusExpired(status.RequestId),
        _ => throw SpiritErrors.JobFailed(status.RequestId, status.StatusCode, Redact(status.Message)),
    };

    private SpiritResult FromDelivery(SpiritWebhookDelivery delivery)
    {
        if (delivery.StatusCode == 200)
        {
            return new SpiritResult(delivery.Body, delivery.MediaType);
        }

        var error = ServiceErrorBody.Parse(System.Text.Encoding.UTF8.GetString(delivery.Body.Span));
        throw SpiritErrors.JobFailed(delivery.RequestId, delivery.StatusCode, Redact(error.Message));
    }

    private string? Redact(string? message) => message is null ? null : client.Http.Authentication.Redact(message);
}

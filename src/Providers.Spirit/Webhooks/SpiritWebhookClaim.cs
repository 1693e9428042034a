namespace Providers.Spirit;

/// <summary>
/// A webhook call's hold on its ticket, from <see cref="SpiritWebhookRegistry.TryClaim"/>: while it is held, other calls
/// with the same nonce are refused. Dispose it when the call ends; a claim that delivered nothing lets the nonce wait
/// again, so that a broken connection the service retries still completes the job.
/// </summary>
public sealed class SpiritWebhookClaim : IDisposable
{
    // The service can call the webhook before the submitting code has read the job's id; the call waits that long for it.
    private static readonly TimeSpan BindingWait = TimeSpan.FromSeconds(30);

    private readonly SpiritWebhookRegistry _registry;
    private readonly SpiritWebhookTicket _ticket;
    private bool _used;
    private bool _accepted;

    internal SpiritWebhookClaim(SpiritWebhookRegistry registry, SpiritWebhookTicket ticket) => (_registry, _ticket) = (registry, ticket);

    /// <summary>
    /// Hands the delivery to the job's waiters (or keeps it for the first) if it names the job the ticket is bound to,
    /// waiting up to 30 seconds for the binding. The ticket is then used up: no later call completes the job.
    /// </summary>
    /// <param name="delivery">The call's delivery.</param>
    /// <param name="cancellationToken">Stops waiting for the binding.</param>
    /// <returns><see langword="true"/> when the delivery was accepted; <see langword="false"/> when it names another job, the
    /// ticket was never bound, or this claim delivered already.</returns>
    public async Task<bool> DeliverAsync(SpiritWebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (_used)
        {
            return false;
        }

        _used = true;
        string? bound;
        try
        {
            bound = await _ticket.WhenBound.WaitAsync(BindingWait, _registry.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }

        _accepted = bound is not null && _registry.Accept(_ticket, delivery);
        return _accepted;
    }

    /// <summary>Releases the ticket unless this claim's delivery was accepted.</summary>
    public void Dispose()
    {
        if (!_accepted)
        {
            _registry.Release(_ticket);
        }
    }
}

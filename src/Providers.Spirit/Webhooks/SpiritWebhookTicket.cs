namespace Providers.Spirit;

/// <summary>
/// One submission's webhook URL, issued by <see cref="SpiritWebhookRegistry.Issue"/>: submit <see cref="Url"/>, then
/// <see cref="Bind"/> the ticket to the id the service gave the job, or dispose it unbound when the submission failed,
/// so that no call with its nonce is ever accepted.
/// </summary>
public sealed class SpiritWebhookTicket : IDisposable
{
    private readonly SpiritWebhookRegistry _registry;
    private readonly TaskCompletionSource<string?> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SpiritWebhookTicket(SpiritWebhookRegistry registry, Uri url, string nonce, long expiresAt)
    {
        _registry = registry;
        Url = url;
        Nonce = nonce;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets the URL to submit as the job's webhook. It is good for one delivery, until it expires.</summary>
    public Uri Url { get; }

    internal string Nonce { get; }

    internal long ExpiresAt { get; }

    internal string? RequestId { get; private set; }

    /// <summary>Gets or sets whether a webhook call holds the ticket now; guarded by the registry's lock.</summary>
    internal bool IsClaimed { get; set; }

    /// <summary>Gets the bound request id once <see cref="Bind"/> is called, or <see langword="null"/> once the ticket is withdrawn.</summary>
    internal Task<string?> WhenBound => _bound.Task;

    /// <summary>
    /// Binds the ticket to the job the service created: only a call naming this request id is accepted. A ticket that
    /// expired or was withdrawn meanwhile stays dead; the job's delivery is then refused and its result must be polled.
    /// </summary>
    /// <param name="requestId">The job's request id, from the service's answer to the submission.</param>
    /// <exception cref="InvalidOperationException">The ticket is bound to another job already.</exception>
    public void Bind(string requestId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        lock (_bound)
        {
            if (_bound.Task.IsCompleted)
            {
                // Binding twice to one job is harmless; to another would let its delivery complete the wrong job.
                if (_bound.Task.Result is { } bound && !string.Equals(bound, requestId, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("This webhook ticket is bound to another job already; issue one ticket per submission.");
                }

                return;
            }

            RequestId = requestId;
            _bound.TrySetResult(requestId);
        }
    }

    /// <summary>Withdraws the ticket if it was never bound; a bound ticket keeps waiting for its delivery.</summary>
    public void Dispose()
    {
        if (_bound.TrySetResult(null))
        {
            _registry.Withdraw(this);
        }
    }

    /// <summary>Ends the wait of a call that came before the binding, for a ticket that expired unbound.</summary>
    internal void Expire() => _bound.TrySetResult(null);
}

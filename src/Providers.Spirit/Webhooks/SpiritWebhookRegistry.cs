using System.Diagnostics.CodeAnalysis;

namespace Providers.Spirit;

/// <summary>
/// Hands each webhook delivery to whoever waits for that job, so that waiting needs no polling when the app is
/// reachable. One instance serves every <see cref="SpiritJobClient"/> of an app (request ids are unique); the
/// ASP.NET Core endpoint <c>MapSpiritWebhook</c> feeds it.
/// </summary>
/// <remarks>
/// A delivery that arrives before anyone waits (the service can be quicker than the submitting code) is kept for the
/// first waiter, within a memory budget; past the budget the oldest kept deliveries are dropped, and their waiters fall
/// back to polling the job's status.
/// </remarks>
public sealed class SpiritWebhookRegistry
{
    /// <summary>The default memory budget for deliveries nobody waits for yet: 64 MiB.</summary>
    public const long DefaultUnclaimedBudgetBytes = 64L * 1024 * 1024;

    // Counted against the budget for each kept delivery besides its body, so that many empty deliveries are bounded too.
    private const int OverheadBytes = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Waiter> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<SpiritWebhookDelivery>> _unclaimed = new(StringComparer.Ordinal);
    private readonly LinkedList<SpiritWebhookDelivery> _unclaimedInArrivalOrder = new();
    private readonly long _unclaimedBudgetBytes;
    private long _unclaimedBytes;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="unclaimedBudgetBytes">How many bytes of deliveries nobody waits for yet may be kept.</param>
    public SpiritWebhookRegistry(long unclaimedBudgetBytes = DefaultUnclaimedBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unclaimedBudgetBytes);
        _unclaimedBudgetBytes = unclaimedBudgetBytes;
    }

    /// <summary>Gets how many deliveries wait for a waiter.</summary>
    public int UnclaimedCount
    {
        get
        {
            lock (_gate)
            {
                return _unclaimed.Count;
            }
        }
    }

    /// <summary>Hands a delivery to the job's waiters, or keeps it for the first one to come.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <returns><see langword="true"/> when someone was waiting for the job.</returns>
    public bool Deliver(SpiritWebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_gate)
        {
            if (_waiters.Remove(delivery.RequestId, out var waiter))
            {
                waiter.Completion.TrySetResult(delivery);
                return true;
            }

            TryTakeKept(delivery.RequestId, out _);
            _unclaimed[delivery.RequestId] = _unclaimedInArrivalOrder.AddLast(delivery);
            _unclaimedBytes += Cost(delivery);
            while (_unclaimedBytes > _unclaimedBudgetBytes && _unclaimedInArrivalOrder.First is { } oldest)
            {
                TryTakeKept(oldest.Value.RequestId, out _);
            }

            return false;
        }
    }

    /// <summary>Waits for the webhook delivery of a job.</summary>
    /// <param name="requestId">The job's request id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The delivery.</returns>
    public async Task<SpiritWebhookDelivery> WaitAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        Waiter waiter;
        lock (_gate)
        {
            if (TryTakeKept(requestId, out var kept))
            {
                return kept;
            }

            if (!_waiters.TryGetValue(requestId, out waiter!))
            {
                waiter = new Waiter();
                _waiters[requestId] = waiter;
            }

            waiter.Count++;
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                if (--waiter.Count == 0 && _waiters.TryGetValue(requestId, out var current) && ReferenceEquals(current, waiter))
                {
                    _waiters.Remove(requestId);
                }
            }
        }
    }

    private bool TryTakeKept(string requestId, [NotNullWhen(true)] out SpiritWebhookDelivery? delivery)
    {
        if (!_unclaimed.Remove(requestId, out var node))
        {
            delivery = null;
            return false;
        }

        _unclaimedInArrivalOrder.Remove(node);
        _unclaimedBytes -= Cost(node.Value);
        delivery = node.Value;
        return true;
    }

    private static long Cost(SpiritWebhookDelivery delivery) => delivery.Body.Length + OverheadBytes;

    private sealed class Waiter
    {
        public TaskCompletionSource<SpiritWebhookDelivery> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }
}

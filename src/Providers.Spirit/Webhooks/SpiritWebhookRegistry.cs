using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Providers.Spirit;

/// <summary>
/// Hands each webhook delivery to whoever waits for that job, so that waiting needs no polling when the app is
/// reachable, and accepts only deliveries it asked for. One instance serves every <see cref="SpiritJobClient"/> of an
/// app; the ASP.NET Core endpoint <c>MapSpiritWebhook</c> feeds it.
/// </summary>
/// <remarks>
/// Each submission gets its own webhook URL (<see cref="Issue"/>): the app's URL plus a one-use random nonce and an
/// expiry, HMAC-SHA256-signed under a key drawn at random per instance. Once the service answers the submission with the
/// job's id, the nonce is bound to that id. A call is accepted only when its signature is valid, it has not expired, its
/// nonce is still waiting, and its <c>requestID</c> is the bound job's; then the nonce is used up, so that each job
/// takes exactly one delivery. Anything else completes nothing: a captured URL cannot be replayed, for this job or
/// another, and a URL written to a log is worthless once used or expired.
/// <para>
/// A delivery accepted before anyone waits (the service can be quicker than the submitting code) is kept for the
/// first waiter, within a memory budget; past the budget the oldest kept deliveries are dropped, and their waiters fall
/// back to polling the job's status.
/// </para>
/// </remarks>
public sealed class SpiritWebhookRegistry
{
    /// <summary>The default memory budget for deliveries nobody waits for yet: 64 MiB.</summary>
    public const long DefaultUnclaimedBudgetBytes = 64L * 1024 * 1024;

    /// <summary>The query parameter that carries the webhook URL's one-use nonce.</summary>
    public const string NonceParameter = "spirit_nonce";

    /// <summary>The query parameter that carries the webhook URL's expiry, in Unix seconds.</summary>
    public const string ExpiresParameter = "spirit_expires";

    /// <summary>The query parameter that carries the HMAC of the nonce and the expiry.</summary>
    public const string SignatureParameter = "spirit_sig";

    /// <summary>How long a job may run once it leaves the queue, by default, before its webhook URL expires: 1 hour.</summary>
    public static readonly TimeSpan DefaultMaxRunTime = TimeSpan.FromHours(1);

    // wire-formats.md §5: an async job waits in the queue 15 minutes unless its policy.ttl says otherwise.
    private static readonly TimeSpan ServiceDefaultTimeToLive = TimeSpan.FromMinutes(15);

    // Counted against the budget for each kept delivery besides its body, so that many empty deliveries are bounded too.
    private const int OverheadBytes = 256;
    private const int MaxParameterLength = 64;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SpiritWebhookTicket> _tickets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Waiter> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<SpiritWebhookDelivery>> _unclaimed = new(StringComparer.Ordinal);
    private readonly LinkedList<SpiritWebhookDelivery> _unclaimedInArrivalOrder = new();
    private readonly long _unclaimedBudgetBytes;
    private readonly TimeSpan _maxRunTime;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private long _unclaimedBytes;
    private DateTimeOffset _nextSweep;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="unclaimedBudgetBytes">How many bytes of accepted deliveries nobody waits for yet may be kept.</param>
    /// <param name="maxRunTime">
    /// How long a job may run once it leaves the queue; its webhook URL expires this long after its time-to-live.
    /// <see langword="null"/> for <see cref="DefaultMaxRunTime"/>.
    /// </param>
    /// <param name="timeProvider">The clock for expiries; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public SpiritWebhookRegistry(long unclaimedBudgetBytes = DefaultUnclaimedBudgetBytes, TimeSpan? maxRunTime = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unclaimedBudgetBytes);
        if (maxRunTime is { } run)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(run, TimeSpan.Zero, nameof(maxRunTime));
        }

        _unclaimedBudgetBytes = unclaimedBudgetBytes;
        _maxRunTime = maxRunTime ?? DefaultMaxRunTime;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets how many accepted deliveries wait for a waiter.</summary>
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

    /// <summary>Gets how many issued webhook URLs still wait for their delivery.</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _tickets.Count;
            }
        }
    }

    internal TimeProvider TimeProvider { get; }

    /// <summary>
    /// Issues the webhook URL for one submission: <paramref name="webhook"/> with its query kept and a fresh nonce, an
    /// expiry and their signature added. Bind the ticket to the job's id once the service has answered, or dispose it
    /// when the submission failed. <see cref="SpiritJobClient"/> does both.
    /// </summary>
    /// <param name="webhook">The app's webhook URL.</param>
    /// <param name="timeToLive">The job's time-to-live in the queue; <see langword="null"/> for the service's 15 minutes.</param>
    /// <returns>The ticket, whose <see cref="SpiritWebhookTicket.Url"/> is the URL to submit.</returns>
    public SpiritWebhookTicket Issue(Uri webhook, TimeSpan? timeToLive = null)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var now = TimeProvider.GetUtcNow();
        long expires = (now + (timeToLive ?? ServiceDefaultTimeToLive) + _maxRunTime).ToUnixTimeSeconds();
        string nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        string expiresText = expires.ToString(CultureInfo.InvariantCulture);

        var url = new UriBuilder(webhook);
        string query = url.Query.TrimStart('?');
        url.Query = $"{query}{(query.Length == 0 ? "" : "&")}{NonceParameter}={nonce}&{ExpiresParameter}={expiresText}&{SignatureParameter}={Sign(nonce, expiresText)}";
        var ticket = new SpiritWebhookTicket(this, url.Uri, nonce, expires);
        lock (_gate)
        {
            SweepExpired(now);
            _tickets[nonce] = ticket;
        }

        return ticket;
    }

    /// <summary>
    /// Claims the ticket of a webhook call, checking its signature (in time that does not depend on where it differs),
    /// its expiry and that its nonce still waits. While claimed, other calls with the same nonce are refused; disposing
    /// the claim without a successful <see cref="SpiritWebhookClaim.DeliverAsync"/> lets the nonce wait again.
    /// </summary>
    /// <param name="nonce">The call's <see cref="NonceParameter"/>.</param>
    /// <param name="expires">The call's <see cref="ExpiresParameter"/>.</param>
    /// <param name="signature">The call's <see cref="SignatureParameter"/>.</param>
    /// <returns>The claim, or <see langword="null"/> when the call is not one this registry waits for.</returns>
    public SpiritWebhookClaim? TryClaim(string? nonce, string? expires, string? signature)
    {
        if (nonce is not { Length: > 0 and <= MaxParameterLength } || expires is not { Length: > 0 and <= 20 }
            || signature is not { Length: > 0 and <= MaxParameterLength }
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out long expiresAt)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(nonce, expires))))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_tickets.TryGetValue(nonce, out var ticket) || ticket.ExpiresAt != expiresAt || ticket.IsClaimed
                || IsExpired(ticket, TimeProvider.GetUtcNow()))
            {
                return null;
            }

            ticket.IsClaimed = true;
            return new SpiritWebhookClaim(this, ticket);
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

    /// <summary>Uses up a claimed ticket whose job is the delivery's and hands the delivery on; false when the job differs or the ticket is gone.</summary>
    internal bool Accept(SpiritWebhookTicket ticket, SpiritWebhookDelivery delivery)
    {
        lock (_gate)
        {
            if (!string.Equals(ticket.RequestId, delivery.RequestId, StringComparison.Ordinal)
                || !_tickets.TryGetValue(ticket.Nonce, out var current) || !ReferenceEquals(current, ticket)
                || IsExpired(ticket, TimeProvider.GetUtcNow()))
            {
                return false;
            }

            _tickets.Remove(ticket.Nonce);
            Deliver(delivery);
            return true;
        }
    }

    internal void Release(SpiritWebhookTicket ticket)
    {
        lock (_gate)
        {
            ticket.IsClaimed = false;
        }
    }

    internal void Withdraw(SpiritWebhookTicket ticket)
    {
        lock (_gate)
        {
            if (_tickets.TryGetValue(ticket.Nonce, out var current) && ReferenceEquals(current, ticket))
            {
                _tickets.Remove(ticket.Nonce);
            }
        }
    }

    private void Deliver(SpiritWebhookDelivery delivery)
    {
        if (_waiters.Remove(delivery.RequestId, out var waiter))
        {
            waiter.Completion.TrySetResult(delivery);
            return;
        }

        TryTakeKept(delivery.RequestId, out _);
        _unclaimed[delivery.RequestId] = _unclaimedInArrivalOrder.AddLast(delivery);
        _unclaimedBytes += Cost(delivery);
        while (_unclaimedBytes > _unclaimedBudgetBytes && _unclaimedInArrivalOrder.First is { } oldest)
        {
            TryTakeKept(oldest.Value.RequestId, out _);
        }
    }

    private string Sign(string nonce, string expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"Providers.Spirit webhook|{nonce}|{expires}")));

    private static bool IsExpired(SpiritWebhookTicket ticket, DateTimeOffset now) => now.ToUnixTimeSeconds() >= ticket.ExpiresAt;

    // Forgets the tickets of jobs that never reported, at most once a minute, so that they cannot pile up.
    private void SweepExpired(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var ticket in _tickets.Values.Where(t => IsExpired(t, now)).ToList())
        {
            _tickets.Remove(ticket.Nonce);
            ticket.Expire();
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

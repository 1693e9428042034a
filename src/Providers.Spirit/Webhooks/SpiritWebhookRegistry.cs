using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

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
/// <para>
/// The registry also keeps the webhook's signature: clients add it to the webhook URL they submit (query parameter
/// <see cref="SignatureParameter"/>), and <c>MapSpiritWebhook</c> refuses a call without it, so that knowing a request
/// id is not enough to complete a job. The signature is an HMAC-SHA256 of a fixed label under a key drawn at random per
/// instance, or derived from a secret given, which every replica of an app (and a restarted one) needs to share
/// to accept the deliveries of jobs another submitted.
/// </para>
/// </remarks>
public sealed class SpiritWebhookRegistry
{
    /// <summary>The default memory budget for deliveries nobody waits for yet: 64 MiB.</summary>
    public const long DefaultUnclaimedBudgetBytes = 64L * 1024 * 1024;

    /// <summary>The query parameter that carries the webhook's signature.</summary>
    public const string SignatureParameter = "sig";

    // Counted against the budget for each kept delivery besides its body, so that many empty deliveries are bounded too.
    private const int OverheadBytes = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Waiter> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<SpiritWebhookDelivery>> _unclaimed = new(StringComparer.Ordinal);
    private readonly LinkedList<SpiritWebhookDelivery> _unclaimedInArrivalOrder = new();
    private readonly long _unclaimedBudgetBytes;
    private readonly byte[] _signature;
    private long _unclaimedBytes;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="unclaimedBudgetBytes">How many bytes of deliveries nobody waits for yet may be kept.</param>
    /// <param name="secret">
    /// The secret the webhook's signature derives from, shared by every instance of the app that receives webhooks;
    /// <see langword="null"/> draws a random key, valid for this instance only.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty or white space.</exception>
    public SpiritWebhookRegistry(long unclaimedBudgetBytes = DefaultUnclaimedBudgetBytes, string? secret = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unclaimedBudgetBytes);
        if (secret is not null && string.IsNullOrWhiteSpace(secret))
        {
            throw new ArgumentException("The webhook secret must not be empty or white space.", nameof(secret));
        }

        _unclaimedBudgetBytes = unclaimedBudgetBytes;
        byte[] key = secret is null ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(secret);
        _signature = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(HMACSHA256.HashData(key, "Providers.Spirit webhook"u8)));
        CryptographicOperations.ZeroMemory(key);
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

    /// <summary>Adds this registry's signature to a webhook URL, keeping the query it has.</summary>
    /// <param name="webhook">The webhook's URL.</param>
    /// <returns>The URL to submit, which carries a secret: keep it out of logs.</returns>
    public Uri Sign(Uri webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var signed = new UriBuilder(webhook);
        string query = signed.Query.TrimStart('?');
        signed.Query = $"{query}{(query.Length == 0 ? "" : "&")}{SignatureParameter}={Encoding.ASCII.GetString(_signature)}";
        return signed.Uri;
    }

    /// <summary>Tells whether a webhook call carries this registry's signature, in time that does not depend on where it differs.</summary>
    /// <param name="signature">The call's <see cref="SignatureParameter"/>, or <see langword="null"/> when it has none.</param>
    /// <returns><see langword="true"/> when the signature is this registry's.</returns>
    public bool IsSigned(string? signature)
    {
        if (string.IsNullOrEmpty(signature) || Encoding.UTF8.GetMaxByteCount(signature.Length) > 1024)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[Encoding.UTF8.GetMaxByteCount(signature.Length)];
        int length = Encoding.UTF8.GetBytes(signature, given);
        return CryptographicOperations.FixedTimeEquals(given[..length], _signature);
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

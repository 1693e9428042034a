using Providers.Emulator.Faults;

namespace Providers.Emulator;

/// <summary>
/// The misbehaviour an emulator has been asked for, per service and optionally per route. A fault applies to
/// the next matching request(s) and is then spent; a rate limit stays until <see cref="Clear"/>.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly List<ScheduledFault> _faults = [];
    private readonly List<(EmulatedService Service, string? Route, TokenBucket Bucket)> _rateLimits = [];
    private readonly TimeProvider _time;

    internal FaultPlan(TimeProvider time) => _time = time;

    /// <summary>Starts describing faults for <paramref name="service"/>.</summary>
    /// <param name="service">The service to misbehave.</param>
    /// <param name="route">
    /// A path relative to the service's base URL, e.g. <c>v1/embeddings</c>; a trailing <c>*</c> matches a prefix;
    /// null matches every route of the service.
    /// </param>
    /// <returns>A builder whose methods schedule faults.</returns>
    public FaultBuilder For(EmulatedService service, string? route = null) => new(this, service, FaultRoute.Normalize(route));

    /// <summary>Removes every scheduled fault and rate limit.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
            _rateLimits.Clear();
        }
    }

    internal void Add(EmulatedService service, string? route, FaultAction action, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _faults.Add(new ScheduledFault(service, route, action, count));
        }
    }

    internal void AddRateLimit(EmulatedService service, string? route, int capacity, double refillPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(refillPerSecond);
        lock (_gate)
        {
            _rateLimits.RemoveAll(r => r.Service == service && r.Route == route);
            _rateLimits.Add((service, route, new TokenBucket(capacity, refillPerSecond, _time)));
        }
    }

    /// <summary>Claims, in the order they were scheduled, at most one fault per slot for this request.</summary>
    internal RequestFaults Claim(EmulatedService service, string localPath)
    {
        var claimed = new RequestFaults();
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.Matches(service, localPath) && claimed.IsFree(fault.Action.Slot) && fault.TryClaim())
                {
                    claimed.Set(fault.Action);
                }
            }

            _faults.RemoveAll(f => f.IsSpent);
        }

        return claimed;
    }

    internal TokenBucket? RateLimitFor(EmulatedService service, string localPath)
    {
        lock (_gate)
        {
            return _rateLimits.FirstOrDefault(r => r.Service == service && FaultRoute.Matches(r.Route, localPath)).Bucket;
        }
    }
}

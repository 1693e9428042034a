namespace Providers.Emulator.Faults;

/// <summary>A token bucket: <c>capacity</c> requests at once, refilled at <c>refillPerSecond</c>.</summary>
internal sealed class TokenBucket(int capacity, double refillPerSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private long _lastRefill = time.GetTimestamp();

    public int Capacity => capacity;

    /// <summary>Takes a token, or says how long until one is available.</summary>
    public bool TryTake(out TimeSpan retryAfter, out int remaining)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(capacity, _tokens + (time.GetElapsedTime(_lastRefill, now).TotalSeconds * refillPerSecond));
            _lastRefill = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                (retryAfter, remaining) = (TimeSpan.Zero, (int)_tokens);
                return true;
            }

            retryAfter = refillPerSecond > 0 ? TimeSpan.FromSeconds((1 - _tokens) / refillPerSecond) : TimeSpan.FromHours(1);
            remaining = 0;
            return false;
        }
    }
}

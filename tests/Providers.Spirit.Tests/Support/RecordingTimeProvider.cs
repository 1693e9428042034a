using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Providers.Spirit.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records the due time of every timer created on it, so that a test knows the
/// code under test is waiting (and for how long) before it moves the clock.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>Gets the due times of the timers created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits (20 s at most, real time) until <paramref name="count"/> timers exist, then returns the last one's due time.</summary>
    public async Task<TimeSpan> NextWaitAsync(int count)
    {
        for (var waited = TimeSpan.Zero; _waits.Count < count; waited += TimeSpan.FromMilliseconds(10))
        {
            Assert.True(waited < TimeSpan.FromSeconds(20), $"The code under test did not start wait {count} within 20 s.");
            await Task.Delay(10);
        }

        return Waits[count - 1];
    }
}

namespace Providers.Emulator.Faults;

/// <summary>A fault waiting for the next <c>count</c> requests to a service (and route, when given).</summary>
internal sealed class ScheduledFault(EmulatedService service, string? route, FaultAction action, int count)
{
    private int _remaining = count;

    public FaultAction Action { get; } = action;

    public bool IsSpent => Volatile.Read(ref _remaining) <= 0;

    public bool Matches(EmulatedService requestService, string localPath) =>
        requestService == service && FaultRoute.Matches(route, localPath);

    /// <summary>Claims one use; false when another request took the last one.</summary>
    public bool TryClaim() => Interlocked.Decrement(ref _remaining) >= 0;
}

using System.Collections.Concurrent;

namespace Providers.Emulator;

/// <summary>The requests an emulator has received, in arrival order.</summary>
public sealed class EmulatorRequestLog
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    /// <summary>Every recorded request.</summary>
    public IReadOnlyList<RecordedRequest> All => [.. _requests];

    /// <summary>The requests addressed to <paramref name="service"/>.</summary>
    /// <param name="service">The service to filter on.</param>
    /// <returns>The matching requests in arrival order.</returns>
    public IReadOnlyList<RecordedRequest> For(EmulatedService service) => [.. _requests.Where(r => r.Service == service)];

    /// <summary>Forgets every recorded request.</summary>
    public void Clear() => _requests.Clear();

    internal void Add(RecordedRequest request) => _requests.Enqueue(request);
}

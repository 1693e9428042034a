using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Faults;

/// <summary>The faults claimed by one request, one per slot; endpoints read the stream and vector ones.</summary>
internal sealed class RequestFaults
{
    public static RequestFaults None { get; } = new();

    private readonly Dictionary<FaultSlot, FaultAction> _bySlot = [];

    public bool IsEmpty => _bySlot.Count == 0;

    public DelayAction? Delay => Get<DelayAction>(FaultSlot.Delay);

    public FaultAction? Response => Get<FaultAction>(FaultSlot.Response);

    public FaultAction? Body => Get<FaultAction>(FaultSlot.Body);

    public FaultAction? Stream => Get<FaultAction>(FaultSlot.Stream);

    public bool WrongVectorCount => _bySlot.ContainsKey(FaultSlot.VectorCount);

    public bool InjectNaN => _bySlot.ContainsKey(FaultSlot.VectorValues);

    public static RequestFaults Of(HttpContext context) => context.Features.Get<RequestFaults>() ?? None;

    public bool IsFree(FaultSlot slot) => !_bySlot.ContainsKey(slot);

    public void Set(FaultAction action) => _bySlot[action.Slot] = action;

    private T? Get<T>(FaultSlot slot)
        where T : FaultAction => _bySlot.GetValueOrDefault(slot) as T;
}

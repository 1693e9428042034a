namespace Providers.Emulator.Faults;

/// <summary>
/// Which part of a response a fault takes over. A request gets at most one fault per slot; a second fault for
/// the same slot waits for the next request.
/// </summary>
internal enum FaultSlot
{
    Delay,
    Response,
    Body,
    Stream,
    VectorCount,
    VectorValues,
}

/// <summary>One kind of misbehaviour.</summary>
internal abstract record FaultAction(FaultSlot Slot);

/// <summary>Answer with <paramref name="Status"/> instead of running the endpoint.</summary>
internal sealed record FailAction(int Status, string? RetryAfter, string? RetryAfterMs, string? Body) : FaultAction(FaultSlot.Response);

/// <summary>Answer with a proxy's HTML error page.</summary>
internal sealed record HtmlPageAction(int Status) : FaultAction(FaultSlot.Response);

/// <summary>Wait before answering.</summary>
internal sealed record DelayAction(TimeSpan Duration) : FaultAction(FaultSlot.Delay);

/// <summary>Send half the body, then reset the connection.</summary>
internal sealed record ResetMidBodyAction() : FaultAction(FaultSlot.Body);

/// <summary>Send the first half of the JSON body as if it were all of it.</summary>
internal sealed record MalformedJsonAction() : FaultAction(FaultSlot.Body);

/// <summary>Pad the body with whitespace up to <paramref name="Bytes"/>, still valid JSON.</summary>
internal sealed record OversizedBodyAction(long Bytes) : FaultAction(FaultSlot.Body);

/// <summary>End a stream after <paramref name="Frames"/> frames without its terminator.</summary>
internal sealed record TruncateStreamAction(int Frames) : FaultAction(FaultSlot.Stream);

/// <summary>Reset the connection once <paramref name="Frames"/> frames of a stream have reached the client.</summary>
internal sealed record ResetStreamAction(int Frames) : FaultAction(FaultSlot.Stream);

/// <summary>Send an error frame after <paramref name="Frames"/> frames, then end the stream.</summary>
internal sealed record ErrorFrameAction(int Frames) : FaultAction(FaultSlot.Stream);

/// <summary>Return one vector fewer than inputs (or one more when there is a single input).</summary>
internal sealed record WrongVectorCountAction() : FaultAction(FaultSlot.VectorCount);

/// <summary>Put a NaN into the first vector.</summary>
internal sealed record InjectNaNAction() : FaultAction(FaultSlot.VectorValues);

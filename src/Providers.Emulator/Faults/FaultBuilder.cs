using Providers.Emulator.Faults;

namespace Providers.Emulator;

/// <summary>Schedules faults for one service (and route). Every method returns the builder, so faults chain.</summary>
public sealed class FaultBuilder
{
    /// <summary>The size <see cref="OversizedBody"/> pads a body to unless told otherwise: 64 MiB.</summary>
    public const long DefaultOversizedBytes = 64L * 1024 * 1024;

    private readonly FaultPlan _plan;
    private readonly EmulatedService _service;
    private readonly string? _route;

    internal FaultBuilder(FaultPlan plan, EmulatedService service, string? route) => (_plan, _service, _route) = (plan, service, route);

    /// <summary>Fails the next <paramref name="count"/> requests with <paramref name="status"/>.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The status code.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> value sent as given: integer seconds, a float such as <c>"1.5"</c>, or an HTTP date.</param>
    /// <param name="retryAfterMs">A <c>retry-after-ms</c> value sent as given.</param>
    /// <param name="body">The exact body to send; null sends the service's own error shape.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder FailNext(int count, int status, string? retryAfter = null, string? retryAfterMs = null, string? body = null) =>
        Add(new FailAction(status, retryAfter, retryAfterMs, body), count);

    /// <summary>Delays the next <paramref name="count"/> requests by <paramref name="delay"/> before they are answered.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <param name="count">How many requests wait.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder Delay(TimeSpan delay, int count = 1) => Add(new DelayAction(delay), count);

    /// <summary>Sends half of the next response's body (with the full <c>Content-Length</c>), then resets the connection.</summary>
    /// <param name="count">How many responses are cut.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder ResetConnectionMidBody(int count = 1) => Add(new ResetMidBodyAction(), count);

    /// <summary>
    /// Resets the connection of the next stream (SSE or NDJSON) once exactly <paramref name="frames"/> frames have
    /// reached the client: each frame is flushed to the socket before the next is written, so the client always reads
    /// those frames, then the reset. A request that is not streamed is answered normally.
    /// </summary>
    /// <param name="frames">How many frames the client gets first (0: the headers only).</param>
    /// <param name="count">How many streams are reset.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder ResetStreamAfter(int frames, int count = 1) => Add(new ResetStreamAction(frames), count);

    /// <summary>Ends the next stream (SSE or NDJSON) after <paramref name="frames"/> frames, without <c>[DONE]</c> or a final frame.</summary>
    /// <param name="frames">How many frames are sent first.</param>
    /// <param name="count">How many streams are cut.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder TruncateStreamAfter(int frames, int count = 1) => Add(new TruncateStreamAction(frames), count);

    /// <summary>Sends a mid-stream error frame in the service's error shape after <paramref name="frames"/> frames, then ends the stream.</summary>
    /// <param name="frames">How many frames are sent first.</param>
    /// <param name="count">How many streams fail.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder ErrorFrameAfter(int frames, int count = 1) => Add(new ErrorFrameAction(frames), count);

    /// <summary>Answers the next request with status 200 and the first half of its JSON body.</summary>
    /// <param name="count">How many responses are malformed.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder MalformedJson(int count = 1) => Add(new MalformedJsonAction(), count);

    /// <summary>Answers the next request with a reverse proxy's HTML error page.</summary>
    /// <param name="status">The status code, e.g. 502.</param>
    /// <param name="count">How many requests get the page.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder HtmlErrorPage(int status, int count = 1) => Add(new HtmlPageAction(status), count);

    /// <summary>Returns one vector fewer than inputs (one more for a single input) from the next embedding request.</summary>
    /// <param name="count">How many responses are wrong.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder WrongVectorCount(int count = 1) => Add(new WrongVectorCountAction(), count);

    /// <summary>Puts a NaN into the first vector of the next embedding response (a <c>NaN</c> literal, or NaN bits in base64).</summary>
    /// <param name="count">How many responses carry it.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder InjectNaN(int count = 1) => Add(new InjectNaNAction(), count);

    /// <summary>Pads the next response with whitespace to <paramref name="bytes"/>, keeping it valid JSON.</summary>
    /// <param name="bytes">The body size to reach; defaults to <see cref="DefaultOversizedBytes"/>.</param>
    /// <param name="count">How many responses are padded.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder OversizedBody(long bytes = DefaultOversizedBytes, int count = 1) => Add(new OversizedBodyAction(bytes), count);

    /// <summary>
    /// Limits requests with a token bucket; an empty bucket answers 429 in the service's shape with a
    /// <c>Retry-After</c> in the service's format. Persistent until <see cref="FaultPlan.Clear"/>.
    /// </summary>
    /// <param name="capacity">The burst size.</param>
    /// <param name="refillPerSecond">Tokens added per second.</param>
    /// <returns>This builder.</returns>
    public FaultBuilder RateLimit(int capacity, double refillPerSecond)
    {
        _plan.AddRateLimit(_service, _route, capacity, refillPerSecond);
        return this;
    }

    private FaultBuilder Add(FaultAction action, int count)
    {
        _plan.Add(_service, _route, action, count);
        return this;
    }
}

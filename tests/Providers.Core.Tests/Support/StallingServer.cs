using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Providers.Core.Tests.Support;

/// <summary>
/// A loopback server at <c>chat</c> that sends its headers and a first part of the body, then goes silent until the
/// client gives up (or the test ends): the stalled proxy or hung worker that idle timeouts exist for.
/// </summary>
internal static class StallingServer
{
    /// <summary>Starts a server that answers with <paramref name="contentType"/>, writes <paramref name="first"/>, and stalls.</summary>
    /// <param name="contentType">The Content-Type of the answer.</param>
    /// <param name="first">What is sent before the stall; empty to stall right after the headers.</param>
    /// <param name="contentLength">A Content-Length to announce (for a download that stops mid-way), or <see langword="null"/>.</param>
    public static Task<LoopbackServer> StartAsync(string contentType, string first, long? contentLength = null) =>
        LoopbackServer.StartAsync(app => app.MapPost("/chat", async (HttpContext context) =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = contentLength;
            await context.Response.StartAsync();
            await context.Response.WriteAsync(first);
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }));

    /// <summary>
    /// Advances <paramref name="clock"/> a step at a time (a second by default) until <paramref name="pending"/> ends:
    /// the code under test arms its timer when it gets there, which the test cannot observe, so stepping is what makes
    /// it deterministic. The fake time that passed is never less than what the code waited for.
    /// </summary>
    /// <param name="clock">The fake clock the code under test waits on.</param>
    /// <param name="pending">The call that should end once enough time has passed.</param>
    /// <param name="step">How far each step advances the clock.</param>
    /// <returns>How much fake time passed.</returns>
    public static async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider clock, Task pending, TimeSpan? step = null)
    {
        var start = clock.GetUtcNow();
        var giveUp = Task.Delay(TimeSpan.FromSeconds(60));
        while (!pending.IsCompleted && !giveUp.IsCompleted)
        {
            clock.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.WhenAny(pending, Task.Delay(10));
        }

        Assert.True(pending.IsCompleted, "The call did not end within 60 s of real time.");
        return clock.GetUtcNow() - start;
    }
}

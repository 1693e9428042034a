using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Http;

/// <summary>Item 1 of issue 11: a body that stalls after its headers fails after the idle timeout instead of hanging.</summary>
public sealed class IdleTimeoutTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_that_stalls_after_its_first_frame_fails_naming_the_service_the_route_and_the_wait()
    {
        await using var server = await StallingServer.StartAsync("text/event-stream", "data: {\"text\":\"Hel\"}\n\n");
        var clock = new FakeTimeProvider();
        using var client = new LoopbackChatClient(CreateService(server, clock));
        await using var updates = client.GetStreamingResponseAsync("hi").GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());

        var next = updates.MoveNextAsync().AsTask();
        var waited = await StallingServer.AdvanceUntilDoneAsync(clock, next);

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => next);
        Assert.Equal("Loopback sent nothing for 30 s while answering POST /chat (IdleTimeout); the answer is incomplete.", error.Message);
        Assert.Equal(("Loopback", "POST /chat", Idle, true), (error.ServiceName, error.Route, error.Waited, error.IsRetryable));
        Assert.InRange(waited, Idle, Idle + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_plain_body_that_stops_mid_download_fails_after_the_idle_timeout()
    {
        await using var server = await StallingServer.StartAsync("application/octet-stream", "first bytes", contentLength: 1_000_000);
        var clock = new FakeTimeProvider();
        using var service = CreateService(server, clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, service.Resolve("chat"));
        using var response = await service.SendAsync(request);

        var download = response.Content.ReadAsByteArrayAsync();
        await StallingServer.AdvanceUntilDoneAsync(clock, download);

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => download);
        Assert.Equal(("POST /chat", Idle), (error.Route, error.Waited));
    }

    [Fact]
    public async Task A_client_built_from_options_waits_on_the_options_clock()
    {
        await using var server = await StallingServer.StartAsync("application/octet-stream", "first bytes", contentLength: 1_000_000);
        var clock = new FakeTimeProvider();
        var options = new LoopbackOptions { Endpoint = server.BaseAddress, IdleTimeout = Idle, TimeProvider = clock };
        using var service = options.CreateServiceClient("Loopback", httpClient: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, service.Resolve("chat"));
        using var response = await service.SendAsync(request);

        var download = response.Content.ReadAsByteArrayAsync();
        var waited = await StallingServer.AdvanceUntilDoneAsync(clock, download);

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => download);
        Assert.Equal(Idle, error.Waited);
        Assert.InRange(waited, Idle, Idle + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_stream_whose_chunks_keep_coming_is_never_cut_however_long_it_lasts()
    {
        var frames = System.Threading.Channels.Channel.CreateUnbounded<string>();
        await using var server = await LoopbackServer.StartAsync(app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/chat",
            async (Microsoft.AspNetCore.Http.HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                await foreach (string frame in frames.Reader.ReadAllAsync(context.RequestAborted))
                {
                    await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, frame);
                    await context.Response.Body.FlushAsync();
                }
            }));
        var clock = new FakeTimeProvider();
        using var client = new LoopbackChatClient(CreateService(server, clock));
        await using var updates = client.GetStreamingResponseAsync("hi").GetAsyncEnumerator();

        var texts = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var next = updates.MoveNextAsync().AsTask();
            clock.Advance(Idle - TimeSpan.FromSeconds(5));
            await frames.Writer.WriteAsync($"data: {{\"text\":\"{i}\"}}\n\n");
            Assert.True(await next);
            texts.Add(updates.Current.Text);
        }

        await frames.Writer.WriteAsync("data: [DONE]\n\n");
        Assert.False(await updates.MoveNextAsync());
        Assert.Equal(["0", "1", "2", "3", "4"], texts);
    }

    [Fact]
    public async Task A_stream_that_stalls_before_its_first_update_is_retried()
    {
        int attempts = 0;
        await using var server = await LoopbackServer.StartAsync(app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/chat",
            async (Microsoft.AspNetCore.Http.HttpContext context) =>
            {
                context.Response.ContentType = "text/event-stream";
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }

                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "data: {\"text\":\"ok\"}\n\ndata: [DONE]\n\n");
            }));
        var clock = new FakeTimeProvider();
        using var client = new LoopbackChatClient(CreateService(server, clock)).AsBuilder()
            .UseRetry(o => { o.TimeProvider = clock; o.BaseDelay = TimeSpan.FromSeconds(1); })
            .Build();

        var reading = client.GetStreamingResponseAsync("hi").ToListAsync().AsTask();
        await StallingServer.AdvanceUntilDoneAsync(clock, reading);

        Assert.Equal("ok", Assert.Single(await reading).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_stalled_stream_times_out_on_the_real_clock_too()
    {
        await using var server = await StallingServer.StartAsync("text/event-stream", string.Empty);
        using var service = new ServiceHttpClient("Loopback", new HttpClient(), server.BaseAddress, ServiceAuthentication.None, TimeSpan.FromSeconds(30), disposeHttpClient: true)
        {
            IdleTimeout = TimeSpan.FromMilliseconds(300),
        };
        using var client = new LoopbackChatClient(service);

        var reading = client.GetStreamingResponseAsync("hi").ToListAsync().AsTask();

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMilliseconds(300), error.Waited);
    }

    private static ServiceHttpClient CreateService(LoopbackServer server, FakeTimeProvider clock) =>
        new("Loopback", new HttpClient(), server.BaseAddress, ServiceAuthentication.None, TimeSpan.FromSeconds(30), disposeHttpClient: true)
        {
            IdleTimeout = Idle,
            TimeProvider = clock,
        };

    private sealed class LoopbackOptions : ServiceClientOptions;
}

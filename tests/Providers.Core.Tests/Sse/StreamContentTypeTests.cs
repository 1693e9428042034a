using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Sse;

/// <summary>Item 2 of issue 11: a streamed call answered with a page or an error document is refused as such, not as a truncated stream.</summary>
public sealed class StreamContentTypeTests
{
    [Fact]
    public async Task A_stream_answered_with_a_proxys_HTML_login_page_is_refused_and_not_retried()
    {
        await using var server = await ServeAsync(Results.Text("<html><head><title>Sign in - Corporate Proxy</title></head></html>", "text/html"));
        using var client = CreateRetryingClient(server);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());

        Assert.Equal("Loopback answered POST /chat with an HTML page (Sign in - Corporate Proxy) instead of an API error, not an event stream.", error.Message);
        Assert.Equal((HttpStatusCode.OK, false), (error.StatusCode, error.IsRetryable));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_stream_answered_with_plain_text_that_holds_no_frame_is_refused_as_text()
    {
        await using var server = await ServeAsync(Results.Text("upstream connect error", "text/plain"));
        using var client = CreateRetryingClient(server);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());

        Assert.Equal("Loopback answered POST /chat with plain text, not an event stream.", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_stream_answered_with_a_JSON_error_raises_the_services_error_and_retries_only_a_transient_one()
    {
        await using var server = await ServeAsync(Results.Text("""{"error":{"message":"Invalid model name","type":"invalid_request_error","code":"400"}}""", "application/json"));
        using var client = CreateRetryingClient(server);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());

        Assert.Equal("Loopback answered POST /chat with an error instead of an event stream: Invalid model name", error.Message);
        Assert.Equal(("400", "invalid_request_error", false), (error.ErrorCode, error.ErrorType, error.IsRetryable));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_stream_labelled_plain_text_is_still_read()
    {
        await using var server = await ServeAsync(Results.Text("data: {\"text\":\"a\"}\n\ndata: [DONE]\n\n", "text/plain"));
        using var client = CreateRetryingClient(server);

        var updates = await client.GetStreamingResponseAsync("hi").ToListAsync();

        Assert.Equal("a", Assert.Single(updates).Text);
    }

    [Fact]
    public async Task A_stream_without_a_content_type_is_still_read()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/chat", async (HttpContext context) =>
            await context.Response.WriteAsync("data: {\"text\":\"a\"}\n\ndata: [DONE]\n\n")));
        using var client = CreateRetryingClient(server);

        var updates = await client.GetStreamingResponseAsync("hi").ToListAsync();

        Assert.Equal("a", Assert.Single(updates).Text);
    }

    private static Task<LoopbackServer> ServeAsync(IResult answer) => LoopbackServer.StartAsync(app => app.MapPost("/chat", () => answer));

    private static IChatClient CreateRetryingClient(LoopbackServer server) =>
        new LoopbackChatClient(server.CreateClient()).AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.Zero).Build();
}

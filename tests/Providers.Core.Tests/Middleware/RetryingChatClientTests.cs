using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Middleware;

public sealed class RetryingChatClientTests
{
    private const string Hello = "data: {\"text\":\"Hel\"}\n\ndata: {\"text\":\"lo\"}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task Retries_a_stream_that_fails_before_its_first_update()
    {
        await using var server = await ServeAsync(
            Results.Text("""{"error":{"message":"No deployments available"}}""", "application/json", statusCode: 503),
            Stream(Hello));
        using var client = CreateClient(server);

        var texts = await ReadAsync(client, []);

        Assert.Equal(["Hel", "lo"], texts);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_a_stream_that_ended_before_its_first_update()
    {
        await using var server = await ServeAsync(Stream(": warming up\n\n"), Stream(Hello));
        using var client = CreateClient(server);

        var texts = await ReadAsync(client, []);

        Assert.Equal(["Hel", "lo"], texts);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Surfaces_an_error_frame_after_the_first_update_without_replaying_the_stream()
    {
        await using var server = await ServeAsync(
            Stream("data: {\"text\":\"Hel\"}\n\ndata: {\"error\":{\"message\":\"litellm.InternalServerError: boom\",\"code\":\"500\"}}\n\n"),
            Stream(Hello));
        using var client = CreateClient(server);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<ProviderException>(() => ReadAsync(client, received));

        Assert.Equal((HttpStatusCode.InternalServerError, true), (error.StatusCode, error.IsRetryable));
        Assert.Equal(["Hel"], received);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Surfaces_a_truncation_after_the_first_update_without_replaying_the_stream()
    {
        await using var server = await ServeAsync(Stream("data: {\"text\":\"Hel\"}\n\n"), Stream(Hello));
        using var client = CreateClient(server);
        var received = new List<string>();

        await Assert.ThrowsAsync<StreamTruncatedException>(() => ReadAsync(client, received));

        Assert.Equal(["Hel"], received);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Retries_a_throttled_request_after_the_delay_the_server_asks_for()
    {
        await using var server = await ServeAsync(
            Results.Text("""{"error":{"message":"litellm.RateLimitError"}}""", "application/json", statusCode: 429),
            Results.Text("""{"text":"Hello"}""", "application/json"));
        using var client = CreateClient(server);

        var response = await client.GetResponseAsync("Hi");

        Assert.Equal("Hello", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Never_retries_an_authentication_failure()
    {
        await using var server = await ServeAsync(
            Results.Text("""{"error":{"message":"Authentication Error","type":"auth_error","code":"401"}}""", "application/json", statusCode: 401),
            Results.Text("""{"text":"Hello"}""", "application/json"));
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hi"));

        Assert.Equal(("auth_error", HttpStatusCode.Unauthorized), (error.ErrorType, error.StatusCode));
        Assert.Single(server.Requests);
    }

    /// <summary>A server that answers the n-th chat request with the n-th result, and the last result after that.</summary>
    private static Task<LoopbackServer> ServeAsync(params IResult[] answers)
    {
        int attempts = 0;
        return LoopbackServer.StartAsync(app => app.MapPost("/" + LoopbackChatClient.Path, () =>
            answers[Math.Min(Interlocked.Increment(ref attempts), answers.Length) - 1]));
    }

    private static IResult Stream(string eventStream) => Results.Text(eventStream, "text/event-stream");

    private static IChatClient CreateClient(LoopbackServer server) =>
        new LoopbackChatClient(server.CreateClient()).AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

    private static async Task<List<string>> ReadAsync(IChatClient client, List<string> received)
    {
        await foreach (var update in client.GetStreamingResponseAsync("Hi"))
        {
            received.Add(update.Text);
        }

        return received;
    }
}

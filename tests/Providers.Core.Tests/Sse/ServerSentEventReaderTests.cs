using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Sse;

public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task Reads_every_frame_up_to_DONE()
    {
        var texts = await ReadAsync("data: {\"text\":\"Hel\"}\n\ndata: {\"text\":\"lo\"}\n\ndata: [DONE]\n\n");

        Assert.Equal(["Hel", "lo"], texts);
    }

    [Fact]
    public async Task Joins_a_frame_split_over_several_data_lines()
    {
        var texts = await ReadAsync("data: {\"text\":\ndata: \"multi-line\"}\n\ndata: [DONE]\n\n");

        Assert.Equal(["multi-line"], texts);
    }

    [Fact]
    public async Task Skips_comments_and_keep_alives()
    {
        var texts = await ReadAsync(": connected\n\n: ping\ndata: {\"text\":\"a\"}\n\n:\n\ndata: [DONE]\n\n");

        Assert.Equal(["a"], texts);
    }

    [Fact]
    public async Task Reads_CRLF_line_endings()
    {
        var texts = await ReadAsync("data: {\"text\":\"a\"}\r\n\r\ndata: {\"text\":\"b\"}\r\n\r\ndata: [DONE]\r\n\r\n");

        Assert.Equal(["a", "b"], texts);
    }

    [Fact]
    public async Task Stops_at_DONE_and_ignores_anything_after_it()
    {
        var texts = await ReadAsync("data: {\"text\":\"a\"}\n\ndata: [DONE]\n\ndata: {\"text\":\"late\"}\n\n");

        Assert.Equal(["a"], texts);
    }

    [Fact]
    public async Task Takes_a_chunk_whose_error_field_is_null_as_data()
    {
        var texts = await ReadAsync("data: {\"text\":\"a\",\"error\":null}\n\ndata: [DONE]\n\n");

        Assert.Equal(["a"], texts);
    }

    [Fact]
    public async Task Raises_an_error_frame_that_arrives_after_HTTP_200()
    {
        var received = new List<string?>();

        var error = await Assert.ThrowsAsync<ProviderException>(() => ReadAsync(
            "data: {\"text\":\"a\"}\n\ndata: {\"error\":{\"message\":\"litellm.InternalServerError: CUDA out of memory\",\"type\":\"None\",\"param\":\"None\",\"code\":\"500\"}}\n\n",
            received));

        Assert.Equal("Loopback reported an error mid-answer: litellm.InternalServerError: CUDA out of memory", error.Message);
        Assert.Equal((HttpStatusCode.InternalServerError, "500", true), (error.StatusCode, error.ErrorCode, error.IsRetryable));
        Assert.Equal(["a"], received);
    }

    [Fact]
    public async Task Raises_an_event_named_error()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => ReadAsync(
            "event: error\ndata: {\"message\":\"model overloaded\",\"code\":503}\n\n"));

        Assert.Equal("Loopback reported an error mid-answer: model overloaded", error.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task Raises_an_event_named_error_whose_data_is_plain_text_with_that_text()
    {
        var error = await Assert.ThrowsAsync<ProviderException>(() => ReadAsync("event: error\ndata: worker lost\n\n"));

        Assert.Equal("Loopback reported an error mid-answer: worker lost", error.Message);
        Assert.IsNotType<InvalidResponseException>(error);
    }

    [Fact]
    public async Task Raises_StreamTruncatedException_when_the_stream_ends_without_DONE()
    {
        var received = new List<string?>();

        var error = await Assert.ThrowsAsync<StreamTruncatedException>(() => ReadAsync(
            "data: {\"text\":\"a\"}\n\ndata: {\"text\":\"b\"}\n\n", received));

        Assert.Equal("The stream from Loopback ended after 2 frame(s) without [DONE]; the answer is incomplete.", error.Message);
        Assert.True(error.IsRetryable);
        Assert.Equal(["a", "b"], received);
    }

    [Fact]
    public async Task Raises_StreamTruncatedException_when_the_connection_is_reset_mid_stream()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/chat", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("data: {\"text\":\"a\"}\n\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        }));
        var received = new List<string?>();

        var error = await Assert.ThrowsAsync<StreamTruncatedException>(() => ReadAsync(server, received));

        Assert.Equal("The connection to Loopback broke after 1 frame(s); the answer is incomplete.", error.Message);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal(["a"], received);
    }

    [Fact]
    public async Task Raises_InvalidResponseException_for_a_frame_that_is_not_JSON()
    {
        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => ReadAsync(
            "data: {\"text\":\"a\"}\n\ndata: {\"text\":\n\ndata: [DONE]\n\n"));

        Assert.StartsWith("Frame 1 of the stream from Loopback is not valid JSON:", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Raises_InvalidResponseException_for_a_null_frame()
    {
        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => ReadAsync("data: null\n\ndata: [DONE]\n\n"));

        Assert.Equal("Frame 0 of the stream from Loopback is not valid JSON: null chunk", error.Message);
    }

    private static async Task<List<string?>> ReadAsync(string eventStream, List<string?>? received = null)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/chat", () => Results.Text(eventStream, "text/event-stream")));
        return await ReadAsync(server, received ?? []);
    }

    private static async Task<List<string?>> ReadAsync(LoopbackServer server, List<string?> received)
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, client.Resolve("chat"));
        using var response = await client.SendAsync(request);
        await foreach (var chunk in ServerSentEventReader.ReadJsonAsync(client, response, LoopbackJsonContext.Default.LoopbackChunk))
        {
            received.Add(chunk.Text);
        }

        return received;
    }
}

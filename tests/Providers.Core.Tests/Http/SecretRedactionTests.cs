using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Http;

public sealed class SecretRedactionTests
{
    private const string ApiKey = "sk-live-5f3c9a7e1b2d";

    [Fact]
    public async Task An_error_that_quotes_the_key_never_shows_it_in_its_message_or_ToString()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 401, message: QuoteAuthorization);
        using var generator = CreateGenerator(server, ServiceAuthentication.Bearer(ApiKey));

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal("Loopback answered 401 (Unauthorized) to POST /v1/embeddings: Invalid key in 'Bearer ***'", error.Message);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mid_stream_error_frame_that_quotes_the_key_never_shows_it()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/" + LoopbackChatClient.Path, (HttpRequest request) => Results.Text(
            $"data: {{\"error\":{{\"message\":\"{QuoteAuthorization(request)}\",\"code\":\"401\"}}}}\n\n", "text/event-stream")));
        using var client = new LoopbackChatClient(server.CreateClient(authentication: ServiceAuthentication.Bearer(ApiKey)));

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Hi"))
            {
            }
        });

        Assert.Equal("Loopback reported an error mid-answer: Invalid key in 'Bearer ***'", error.Message);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_logs_never_show_the_key()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(2, 503, message: QuoteAuthorization);
        var logger = new FakeLogger();
        using var generator = new RetryingEmbeddingGenerator<string, Embedding<float>>(
            CreateGenerator(server, ServiceAuthentication.Bearer(ApiKey)),
            new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) },
            logger);

        await generator.GenerateAsync(["a"]);

        var records = logger.Collector.GetSnapshot();
        Assert.Equal(2, records.Count);
        Assert.All(records, record =>
        {
            Assert.Contains("Bearer ***", record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKey, record.Exception?.ToString() ?? string.Empty, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_unreachable_endpoint_never_shows_a_password_in_its_URL()
    {
        int port = LoopbackServer.FindClosedPort();
        using var client = new ServiceHttpClient("Loopback", new HttpClient(), new Uri($"http://admin:{ApiKey}@127.0.0.1:{port}/"), ServiceAuthentication.None, TimeSpan.FromSeconds(5), disposeHttpClient: true);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetJsonAsync("v1/models", LoopbackJsonContext.Default.LoopbackChunk));

        Assert.StartsWith($"Could not reach Loopback at http://127.0.0.1:{port} for GET /v1/models:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    private static string QuoteAuthorization(HttpRequest request) => $"Invalid key in '{request.Headers.Authorization}'";

    private static OpenAICompatibleEmbeddingGenerator CreateGenerator(LoopbackServer server, ServiceAuthentication authentication) =>
        new(server.CreateClient(authentication: authentication), "v1/embeddings", "m", EmbeddingEncoding.Float);
}

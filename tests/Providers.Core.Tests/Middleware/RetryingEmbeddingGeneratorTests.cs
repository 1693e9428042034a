using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Middleware;

public sealed class RetryingEmbeddingGeneratorTests
{
    [Fact]
    public async Task Retries_429_after_the_delay_the_server_asks_for()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 429, retryAfter: "0.2");
        using var generator = CreateGenerator(server);
        var stopwatch = Stopwatch.StartNew();

        var embeddings = await generator.GenerateAsync(["a"]);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(200), $"Retried after {stopwatch.Elapsed.TotalMilliseconds} ms.");
        Assert.Single(embeddings);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Waits_exactly_as_long_as_the_server_asks_on_the_retry_clock()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 429, retryAfter: "7");
        var clock = new FakeTimeProvider();
        using var generator = CreateGenerator(server, o => o.TimeProvider = clock);

        var call = generator.GenerateAsync(["a"]);
        var waited = await StallingServer.AdvanceUntilDoneAsync(clock, call, TimeSpan.FromMilliseconds(250));

        Assert.Single(await call);
        Assert.True(waited >= TimeSpan.FromSeconds(7), $"Retried after {waited} of the retry clock.");
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_three_503s_then_succeeds()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(3, 503);
        using var generator = CreateGenerator(server);

        var embeddings = await generator.GenerateAsync(["a", "b"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(4, server.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Never_retries_a_client_error(int status)
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(1, status);
        using var generator = CreateGenerator(server);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Never_retries_an_answer_it_cannot_trust()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", () => Results.Text("""{"data":[]}""", "application/json")));
        using var generator = CreateGenerator(server);

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Gives_up_after_MaxAttempts_with_the_last_error()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(int.MaxValue, 503);
        using var generator = CreateGenerator(server, o => o.MaxAttempts = 3);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Waits_no_longer_than_MaxDelay_whatever_the_server_asks()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 429, retryAfter: "30");
        using var generator = CreateGenerator(server, o => o.MaxDelay = TimeSpan.FromMilliseconds(50));
        var stopwatch = Stopwatch.StartNew();

        await generator.GenerateAsync(["a"]);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Took {stopwatch.Elapsed}.");
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Starts_no_retry_that_would_end_beyond_TotalBudget()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(int.MaxValue, 503, retryAfter: "0.6");
        using var generator = CreateGenerator(server, o =>
        {
            o.MaxAttempts = 10;
            o.TotalBudget = TimeSpan.FromSeconds(1);
        });

        await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_cancellation_ends_a_backoff_that_its_clock_would_never_end()
    {
        // The retry clock never moves: only the cancellation can end the 10 s wait.
        await using var server = await FlakyEmbeddingServer.StartAsync(int.MaxValue, 503, retryAfter: "10");
        var backingOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var generator = CreateGenerator(server, o =>
        {
            o.TimeProvider = new FakeTimeProvider();
            o.ShouldRetry = error =>
            {
                backingOff.TrySetResult();
                return true;
            };
        });
        using var cancellation = new CancellationTokenSource();
        var call = generator.GenerateAsync(["a"], cancellationToken: cancellation.Token);
        await backingOff.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Returns_long_before_the_backoff_ends_when_cancelled_on_the_real_clock()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(int.MaxValue, 503, retryAfter: "30");
        var backingOff = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var generator = CreateGenerator(server, o =>
        {
            o.MaxDelay = TimeSpan.FromSeconds(30);
            o.ShouldRetry = error =>
            {
                backingOff.TrySetResult();
                return true;
            };
        });
        using var cancellation = new CancellationTokenSource();
        var call = generator.GenerateAsync(["a"], cancellationToken: cancellation.Token);
        await backingOff.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"Returned {stopwatch.Elapsed.TotalMilliseconds} ms after the cancellation.");
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Retries_a_request_that_timed_out()
    {
        int attempts = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            }

            return await EmbeddingsJson.OnePerInputAsync(context.Request);
        }));
        using var generator = CreateGenerator(server, timeout: TimeSpan.FromMilliseconds(300));

        var embeddings = await generator.GenerateAsync(["a"]);

        Assert.Single(embeddings);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Lets_ShouldRetry_decide_in_place_of_the_default()
    {
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 400);
        using var generator = CreateGenerator(server, o => o.ShouldRetry = error => error is ProviderException { StatusCode: HttpStatusCode.BadRequest });

        var embeddings = await generator.GenerateAsync(["a"]);

        Assert.Single(embeddings);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void Refuses_options_that_make_no_sense()
    {
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(services => null!);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseRetry(o => o.MaxAttempts = 0));
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateGenerator(
        LoopbackServer server, Action<RetryOptions>? configure = null, TimeSpan? timeout = null) =>
        new OpenAICompatibleEmbeddingGenerator(server.CreateClient(timeout: timeout), "v1/embeddings", "m", EmbeddingEncoding.Float)
            .AsBuilder()
            .UseRetry(o =>
            {
                o.BaseDelay = TimeSpan.FromMilliseconds(10);
                configure?.Invoke(o);
            })
            .Build();
}

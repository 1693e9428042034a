using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Middleware;

public sealed class BatchingEmbeddingGeneratorTests
{
    [Fact]
    public async Task Returns_every_embedding_in_input_order_when_batches_finish_in_any_order()
    {
        var embedder = new NumberingEmbedder();
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", embedder.EmbedAsync));
        using var generator = CreateGenerator(server).AsBuilder()
            .UseBatching(o =>
            {
                o.MaxBatchSize = 50;
                o.MaxConcurrency = 4;
            })
            .Build();
        string[] inputs = [.. Enumerable.Range(0, 1037).Select(i => $"input-{i}")];

        var embeddings = await generator.GenerateAsync(inputs);

        Assert.Equal(Enumerable.Range(0, 1037).Select(i => (float)i), embeddings.Select(e => e.Vector.Span[0]));
        Assert.Equal(21, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.InRange(EmbeddingsJson.Inputs(r.Body).Length, 1, 50));
        Assert.InRange(embedder.MostInFlight, 2, 4);
        Assert.Equal(1037, embeddings.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task A_failed_batch_names_the_inputs_it_carried()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            string[] inputs = await EmbeddingsJson.ReadInputsAsync(request);
            return inputs[0] == "input-100"
                ? Results.Text("""{"error":"Input length 2048 longer than allowed 1024"}""", "application/json", statusCode: 400)
                : EmbeddingsJson.OnePerInput(inputs);
        }));
        using var generator = CreateGenerator(server).AsBuilder().UseBatching(o => o.MaxBatchSize = 50).Build();

        var error = await Assert.ThrowsAsync<BatchFailedException>(() => generator.GenerateAsync([.. Enumerable.Range(0, 200).Select(i => $"input-{i}")]));

        Assert.Equal(new InputRange(100, 50), error.FailedInputs);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("The batch of inputs [100..150) sent to Loopback failed: Loopback answered 400 (Bad Request) to POST /v1/embeddings: Input length 2048 longer than allowed 1024", error.Message);
    }

    [Fact]
    public async Task Retries_a_failed_batch_on_its_own_when_retry_sits_inside_batching()
    {
        int failures = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            string[] inputs = await EmbeddingsJson.ReadInputsAsync(request);
            return inputs[0] == "input-50" && Interlocked.Increment(ref failures) == 1
                ? Results.StatusCode(503)
                : EmbeddingsJson.OnePerInput(inputs);
        }));
        using var generator = CreateGenerator(server).AsBuilder()
            .UseBatching(o => o.MaxBatchSize = 50)
            .UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10))
            .Build();

        var embeddings = await generator.GenerateAsync([.. Enumerable.Range(0, 200).Select(i => $"input-{i}")]);

        Assert.Equal(200, embeddings.Count);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task Refuses_a_batch_that_comes_back_with_the_wrong_number_of_embeddings()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", EmbeddingsJson.OnePerInputAsync));
        using var generator = CreateGenerator(server).AsBuilder()
            .UseBatching(o => o.MaxBatchSize = 10)
            .Use(async (values, options, inner, cancellationToken) =>
            {
                var embeddings = await inner.GenerateAsync(values, options, cancellationToken);
                return new GeneratedEmbeddings<Embedding<float>>(embeddings.Skip(values.First() == "input-20" ? 1 : 0));
            })
            .Build();

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync([.. Enumerable.Range(0, 30).Select(i => $"input-{i}")]));

        Assert.Equal(new InputRange(20, 10), error.FailedInputs);
        Assert.Equal("Loopback answered the batch of inputs [20..30) with 9 embeddings for 10 inputs.", error.Message);
    }

    [Fact]
    public async Task Lets_the_callers_cancellation_through_as_such()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return Results.Ok();
        }));
        using var generator = CreateGenerator(server).AsBuilder().UseBatching(o => o.MaxBatchSize = 1).Build();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var error = await Record.ExceptionAsync(() => generator.GenerateAsync(["a", "b", "c"], cancellationToken: cancellation.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task Sends_nothing_for_no_inputs()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", EmbeddingsJson.OnePerInputAsync));
        using var generator = CreateGenerator(server).AsBuilder().UseBatching().Build();

        var embeddings = await generator.GenerateAsync([]);

        Assert.Empty(embeddings);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(50, 0)]
    public void Refuses_batch_sizes_and_concurrency_below_one(int batchSize, int concurrency)
    {
        var builder = new EmbeddingGeneratorBuilder<string, Embedding<float>>(services => null!);

        Assert.Throws<ArgumentOutOfRangeException>(() => builder.UseBatching(o =>
        {
            o.MaxBatchSize = batchSize;
            o.MaxConcurrency = concurrency;
        }));
    }

    private static OpenAICompatibleEmbeddingGenerator CreateGenerator(LoopbackServer server) =>
        new(server.CreateClient(), "v1/embeddings", "m", EmbeddingEncoding.Float);

    /// <summary>
    /// Embeds "input-N" as [N], after a random delay, listing the batch's items in random order (with their indices),
    /// and counts how many requests it serves at once.
    /// </summary>
    private sealed class NumberingEmbedder
    {
        private int _inFlight;
        private int _mostInFlight;

        public int MostInFlight => Volatile.Read(ref _mostInFlight);

        public async Task<IResult> EmbedAsync(HttpRequest request)
        {
            int inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _mostInFlight, inFlight);
            try
            {
                string[] inputs = await EmbeddingsJson.ReadInputsAsync(request);
                await Task.Delay(Random.Shared.Next(0, 25));
                var items = inputs.Select((input, index) => (index, new[] { float.Parse(input["input-".Length..], CultureInfo.InvariantCulture) })).ToArray();
                Random.Shared.Shuffle(items);
                return Results.Text(EmbeddingsJson.Response(items, new { prompt_tokens = inputs.Length, total_tokens = inputs.Length }), "application/json");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}

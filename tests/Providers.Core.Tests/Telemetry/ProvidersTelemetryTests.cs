using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Telemetry;

/// <summary>
/// Each test names its service uniquely and reads only the measurements tagged with that name, because the meter is
/// process-wide and other tests run at the same time.
/// </summary>
public sealed class ProvidersTelemetryTests
{
    [Fact]
    public async Task Counts_each_retry_with_the_operation_and_the_status_that_caused_it()
    {
        using var retries = Collect<long>("providers.client.retries");
        await using var server = await FlakyEmbeddingServer.StartAsync(2, 503);
        using var generator = CreateGenerator(server, nameof(Counts_each_retry_with_the_operation_and_the_status_that_caused_it))
            .AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        await generator.GenerateAsync(["a"]);

        var measurements = For(retries, nameof(Counts_each_retry_with_the_operation_and_the_status_that_caused_it));
        Assert.Equal(2, measurements.Sum(m => m.Value));
        Assert.All(measurements, m => Assert.Equal(("embeddings", "503"), (m.Tags["gen_ai.operation.name"], m.Tags["error.type"])));
    }

    [Fact]
    public async Task Records_the_time_spent_waiting_as_the_service_asked()
    {
        using var waits = Collect<double>("providers.client.throttled_wait");
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 429, retryAfter: "0.05");
        using var generator = CreateGenerator(server, nameof(Records_the_time_spent_waiting_as_the_service_asked))
            .AsBuilder().UseRetry().Build();

        await generator.GenerateAsync(["a"]);

        var wait = Assert.Single(For(waits, nameof(Records_the_time_spent_waiting_as_the_service_asked)));
        Assert.Equal(0.05, wait.Value, precision: 6);
    }

    [Fact]
    public async Task Records_the_size_of_each_batch()
    {
        using var sizes = Collect<int>("providers.client.batch.size");
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", EmbeddingsJson.OnePerInputAsync));
        using var generator = CreateGenerator(server, nameof(Records_the_size_of_each_batch))
            .AsBuilder().UseBatching(o => o.MaxBatchSize = 50).Build();

        await generator.GenerateAsync([.. Enumerable.Range(0, 120).Select(i => $"input-{i}")]);

        Assert.Equal([20, 50, 50], For(sizes, nameof(Records_the_size_of_each_batch)).Select(m => m.Value).Order());
    }

    [Fact]
    public async Task Records_the_duration_of_each_request_with_service_address_and_status()
    {
        using var durations = Collect<double>("providers.client.request.duration");
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 503);
        using var generator = CreateGenerator(server, nameof(Records_the_duration_of_each_request_with_service_address_and_status))
            .AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        await generator.GenerateAsync(["a"]);

        var measurements = For(durations, nameof(Records_the_duration_of_each_request_with_service_address_and_status));
        Assert.Equal([503, 200], measurements.Select(m => m.Tags["http.response.status_code"]));
        Assert.Equal(["503", null], measurements.Select(m => m.Tags.GetValueOrDefault("error.type")));
        Assert.All(measurements, m =>
        {
            Assert.True(m.Value > 0);
            Assert.Equal(("127.0.0.1", server.BaseAddress.Port, "POST"), (m.Tags["server.address"], m.Tags["server.port"], m.Tags["http.request.method"]));
        });
    }

    private static MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(meterScope: null, ProvidersTelemetry.SourceName, instrument);

    private static List<CollectedMeasurement<T>> For<T>(MetricCollector<T> collector, string service)
        where T : struct => [.. collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags["gen_ai.provider.name"], service))];

    private static OpenAICompatibleEmbeddingGenerator CreateGenerator(LoopbackServer server, string service) =>
        new(server.CreateClient(service), "v1/embeddings", "m", EmbeddingEncoding.Float);
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Telemetry;

/// <summary>Item 14 of issue 11: the Providers activity source starts a span per attempt, and a retry is an event on the attempt that failed.</summary>
public sealed class AttemptSpanTests
{
    [Fact]
    public async Task Each_attempt_is_a_span_and_the_retry_is_an_event_on_the_one_that_failed()
    {
        string service = nameof(Each_attempt_is_a_span_and_the_retry_is_an_event_on_the_one_that_failed);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ProvidersTelemetry.SourceName or "Experimental.Microsoft.Extensions.AI",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await FlakyEmbeddingServer.StartAsync(1, 429, retryAfter: "0");
        using var generator = new OpenAICompatibleEmbeddingGenerator(server.CreateClient(service), "v1/embeddings", "m", EmbeddingEncoding.Float)
            .AsBuilder().UseRetry().UseOpenTelemetry().Build();

        await generator.GenerateAsync(["a"]);

        var attempts = spans.Where(s => s.Source.Name == ProvidersTelemetry.SourceName && Equals(s.GetTagItem("gen_ai.provider.name"), service)).ToList();
        Assert.Equal(["embeddings attempt 1", "embeddings attempt 2"], attempts.Select(s => s.DisplayName));
        var (failed, succeeded) = (attempts[0], attempts[1]);
        Assert.Equal((ActivityStatusCode.Error, "429", (object?)429, "embeddings"),
            (failed.Status, failed.GetTagItem("error.type"), failed.GetTagItem("http.response.status_code"), failed.GetTagItem("gen_ai.operation.name")));
        Assert.Equal("127.0.0.1", failed.GetTagItem("server.address"));
        var retry = Assert.Single(failed.Events);
        Assert.Equal(("retry", (object?)1), (retry.Name, retry.Tags.Single(t => t.Key == "retry.attempt").Value));
        Assert.Empty(succeeded.Events);
        Assert.Equal(ActivityStatusCode.Unset, succeeded.Status);
        Assert.All(spans.Where(s => s.Source.Name != ProvidersTelemetry.SourceName && attempts.Any(a => a.SpanId == s.ParentSpanId)),
            inner => Assert.Contains(attempts, a => a.SpanId == inner.ParentSpanId));
        Assert.Equal(2, spans.Count(s => s.Source.Name != ProvidersTelemetry.SourceName && attempts.Any(a => a.SpanId == s.ParentSpanId)));
    }
}

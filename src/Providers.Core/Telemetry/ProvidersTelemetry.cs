using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Providers.Core;

/// <summary>
/// The meter and activity source this project reports on, with what Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry</c> does not record: retries, time spent waiting on throttling, batch sizes and the latency of
/// each HTTP request per service. Subscribe with <c>AddMeter(ProvidersTelemetry.SourceName)</c> and
/// <c>AddSource(ProvidersTelemetry.SourceName)</c>.
/// </summary>
/// <remarks>Attribute names follow the OpenTelemetry GenAI and HTTP semantic conventions.</remarks>
public static class ProvidersTelemetry
{
    /// <summary>The name of both the meter and the activity source.</summary>
    public const string SourceName = "Providers";

    internal static readonly ActivitySource ActivitySource = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "providers.client.request.duration", "s", "Duration of each HTTP request to a model service, retries counted separately.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "providers.client.retries", "{retry}", "Requests tried again after a transient failure.");

    private static readonly Histogram<double> ThrottledWait = Meter.CreateHistogram<double>(
        "providers.client.throttled_wait", "s", "Time spent waiting before a retry, as asked by the service or by backoff.");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "providers.client.batch.size", "{input}", "Inputs per request sent by the batching middleware.");

    internal static void RecordRequest(string service, Uri uri, string method, int? status, string? errorType, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "gen_ai.provider.name", service },
            { "server.address", uri.Host },
            { "server.port", uri.Port },
            { "http.request.method", method },
        };
        if (status is { } s)
        {
            tags.Add("http.response.status_code", s);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        RequestDuration.Record(elapsed.TotalSeconds, tags);
    }

    internal static void RecordRetry(string? provider, string operation, string errorType, int attempt, TimeSpan wait)
    {
        var tags = new TagList
        {
            { "gen_ai.provider.name", provider },
            { "gen_ai.operation.name", operation },
            { "error.type", errorType },
        };
        Retries.Add(1, tags);
        ThrottledWait.Record(wait.TotalSeconds, tags);
        Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
        {
            { "retry.attempt", attempt },
            { "retry.delay_ms", wait.TotalMilliseconds },
            { "error.type", errorType },
        }));
    }

    internal static void RecordBatch(string? provider, int size) =>
        BatchSize.Record(size, new KeyValuePair<string, object?>("gen_ai.provider.name", provider));
}

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

    internal static Activity? StartAttempt(string? provider, Uri? server, string operation, int attempt)
    {
        var span = ActivitySource.StartActivity($"{operation} attempt {attempt}");
        if (span is null)
        {
            return null;
        }

        span.SetTag("gen_ai.operation.name", operation);
        span.SetTag("gen_ai.provider.name", provider);
        if (server is { IsAbsoluteUri: true })
        {
            span.SetTag("server.address", server.Host);
            span.SetTag("server.port", server.Port);
        }

        span.SetTag("providers.attempt", attempt);
        return span;
    }

    internal static void RecordAttemptFailure(Activity? span, string errorType, System.Net.HttpStatusCode? status)
    {
        if (span is null)
        {
            return;
        }

        // The error type only: a message may quote the request.
        span.SetStatus(ActivityStatusCode.Error, errorType);
        span.SetTag("error.type", errorType);
        if (status is { } s)
        {
            span.SetTag("http.response.status_code", (int)s);
        }
    }

    internal static void RecordRetry(string? provider, string operation, string errorType, int attempt, TimeSpan wait, Activity? failedAttempt)
    {
        var tags = new TagList
        {
            { "gen_ai.provider.name", provider },
            { "gen_ai.operation.name", operation },
            { "error.type", errorType },
        };
        Retries.Add(1, tags);
        ThrottledWait.Record(wait.TotalSeconds, tags);
        failedAttempt?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection
        {
            { "retry.attempt", attempt },
            { "retry.delay_ms", wait.TotalMilliseconds },
            { "error.type", errorType },
        }));
    }

    internal static void RecordBatch(string? provider, int size) =>
        BatchSize.Record(size, new KeyValuePair<string, object?>("gen_ai.provider.name", provider));
}

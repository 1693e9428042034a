using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Providers.Core.Tests.Support;

/// <summary>
/// Everything a process exports while it is alive: every log record (message, every structured state value, every
/// scope, the exception), every span (name, tags, events, status) and every metric tag, flattened to text so that a
/// test can search it all for a secret. Nested values (a header's list of values) are expanded, as exporters do.
/// </summary>
internal sealed class CapturedTelemetry : ILoggerProvider, ISupportExternalScope, IDisposable
{
    private readonly ConcurrentQueue<string> _texts = new();
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public CapturedTelemetry()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _meters.SetMeasurementEventCallback<long>((_, _, tags, _) => RecordTags(tags));
        _meters.SetMeasurementEventCallback<int>((_, _, tags, _) => RecordTags(tags));
        _meters.SetMeasurementEventCallback<double>((_, _, tags, _) => RecordTags(tags));
        _meters.Start();
    }

    /// <summary>Gets how many log records were captured.</summary>
    public int LogCount { get; private set; }

    /// <summary>Gets everything captured, as text.</summary>
    public IReadOnlyList<string> Texts => [.. _texts];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void Record(Activity activity)
    {
        _texts.Enqueue(activity.DisplayName);
        _texts.Enqueue(activity.StatusDescription ?? string.Empty);
        foreach (var tag in activity.TagObjects)
        {
            Add(tag.Value);
        }

        foreach (var e in activity.Events)
        {
            _texts.Enqueue(e.Name);
            foreach (var tag in e.Tags)
            {
                Add(tag.Value);
            }
        }
    }

    private void RecordTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            Add(tag.Value);
        }
    }

    private void Add(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                _texts.Enqueue(text);
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var pair in pairs)
                {
                    Add(pair.Value);
                }

                _texts.Enqueue(value.ToString() ?? string.Empty);
                return;
            case IEnumerable items:
                foreach (object? item in items)
                {
                    Add(item);
                }

                return;
            default:
                _texts.Enqueue(value.ToString() ?? string.Empty);
                return;
        }
    }

    private sealed class CapturingLogger(CapturedTelemetry owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.LogCount++;
            owner._texts.Enqueue(formatter(state, exception));
            owner.Add(state);
            owner.Add(exception?.ToString());
            owner._scopes.ForEachScope((scope, o) => o.Add(scope), owner);
        }
    }
}

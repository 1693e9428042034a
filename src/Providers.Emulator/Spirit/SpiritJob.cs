using System.Text.Json.Nodes;

namespace Providers.Emulator.Spirit;

/// <summary>The states a Spirit request moves through. "queueing" is the emulator's name for not yet picked up.</summary>
internal static class SpiritStatus
{
    public const string Queueing = "queueing";
    public const string Executing = "executing";
    public const string Succeed = "succeed";
    public const string Failed = "failed";
}

/// <summary>One Spirit request, sync or async, from queue to result.</summary>
internal sealed class SpiritJob(string id, string sequence, JsonNode? input, Uri? webhook, TimeSpan ttl, long createdAt)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _resultInStatus;

    public string Id { get; } = id;

    public string Sequence { get; } = sequence;

    public JsonNode? Input { get; } = input;

    /// <summary>Where to POST the outcome; null for a sync request, which the caller waits for instead.</summary>
    public Uri? Webhook { get; } = webhook;

    public bool IsSync => Webhook is null;

    public TimeSpan Ttl { get; } = ttl;

    public long CreatedAt { get; } = createdAt;

    public CancellationTokenSource Cancellation { get; } = new();

    public string Status { get; private set; } = SpiritStatus.Queueing;

    public int StatusCode { get; private set; } = 200;

    public string Message { get; private set; } = string.Empty;

    /// <summary>The result as UTF-8 JSON, once succeeded: the sync answer or the webhook's body.</summary>
    public byte[]? Result { get; private set; }

    /// <summary>
    /// The result the status reports: <see cref="Result"/>, or null for an async result over the status size limit,
    /// which the service delivers to the webhook only.
    /// </summary>
    public byte[]? StatusResult => _resultInStatus ? Result : null;

    public long? FinishedAt { get; private set; }

    public Task Finished => _finished.Task;

    public bool IsFinished => FinishedAt is not null;

    public void MarkExecuting() => Status = SpiritStatus.Executing;

    public void Succeed(byte[] result, bool keepInStatus, long now) => Finish(SpiritStatus.Succeed, 200, string.Empty, result, keepInStatus, now);

    public void Fail(int statusCode, string message, long now) => Finish(SpiritStatus.Failed, statusCode, message, null, false, now);

    /// <summary>A webhook that did not answer 200 turns even a succeeded request into a failed one.</summary>
    public void FailAfterWebhook(string message)
    {
        lock (_finished)
        {
            (Status, StatusCode, Message, Result) = (SpiritStatus.Failed, 500, message, null);
        }
    }

    private void Finish(string status, int statusCode, string message, byte[]? result, bool keepInStatus, long now)
    {
        lock (_finished)
        {
            if (FinishedAt is not null)
            {
                return;
            }

            (Status, StatusCode, Message, Result, _resultInStatus, FinishedAt) = (status, statusCode, message, result, keepInStatus, now);
        }

        _finished.TrySetResult();
    }
}

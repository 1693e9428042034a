using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Spirit;

/// <summary>
/// The Spirit worker pool: jobs wait in a queue ("queueing"), run one per worker ("executing") under their ttl,
/// and end "succeed" or "failed"; an async job's outcome is then POSTed to its webhook (the only place an async
/// result over 2 MB goes).
/// </summary>
internal sealed class SpiritJobQueue(EmulatorOptions options, SpiritJobStore store, SpiritWebhookSender webhooks, TimeProvider time) : BackgroundService
{
    private const int SyncResultLimit = 10 * 1024 * 1024;
    private const int AsyncStatusResultLimit = 2 * 1024 * 1024;
    private static readonly TimeSpan GpuPoll = TimeSpan.FromMilliseconds(50);

    private readonly Channel<SpiritJob> _queue = Channel.CreateUnbounded<SpiritJob>();

    public void Enqueue(SpiritJob job)
    {
        store.Add(job);
        _queue.Writer.TryWrite(job);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.SpiritWorkerCount)).Select(_ => WorkAsync(stoppingToken)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The emulator is stopping.
        }
    }

    private async Task RunAsync(SpiritJob job, CancellationToken stoppingToken)
    {
        while (!options.SpiritGpuAvailable && !job.IsFinished && Remaining(job) > TimeSpan.Zero)
        {
            await Task.Delay(GpuPoll, time, stoppingToken).ConfigureAwait(false);
        }

        if (!job.IsFinished)
        {
            await ExecuteAsync(job, stoppingToken).ConfigureAwait(false);
        }

        if (job.Webhook is not null && job.Status != SpiritStatus.Queueing)
        {
            await webhooks.NotifyAsync(job, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(SpiritJob job, CancellationToken stoppingToken)
    {
        var remaining = Remaining(job);
        if (remaining <= TimeSpan.Zero)
        {
            job.Fail(408, "request timeout", time.GetTimestamp());
            return;
        }

        job.MarkExecuting();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, job.Cancellation.Token);
        deadline.CancelAfter(remaining);
        try
        {
            var result = await options.SpiritHandler(new SpiritHandlerRequest(job.Id, job.Input), deadline.Token).ConfigureAwait(false);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(result, JsonOutput.Options);
            if (job.IsSync && bytes.Length > SyncResultLimit)
            {
                job.Fail(500, $"result too large: {bytes.Length} bytes, the limit is {SyncResultLimit}", time.GetTimestamp());
                return;
            }

            // API.md: the status's result field holds at most 2 MB for async requests; a larger result "must be
            // retrieved via webhook", so the request still succeeds and only the webhook gets the result.
            job.Succeed(bytes, keepInStatus: job.IsSync || bytes.Length <= AsyncStatusResultLimit, time.GetTimestamp());
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            // Whoever cancelled (a DELETE, a sync timeout) has already recorded the outcome; this is a fallback.
            job.Fail(500, "request cancelled", time.GetTimestamp());
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            job.Fail(408, "request timeout", time.GetTimestamp());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            job.Fail(500, ex.Message, time.GetTimestamp());
        }
    }

    private TimeSpan Remaining(SpiritJob job) => job.Ttl - time.GetElapsedTime(job.CreatedAt);
}

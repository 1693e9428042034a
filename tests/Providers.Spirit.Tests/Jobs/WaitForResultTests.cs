using Providers.Emulator;
using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Jobs;

public sealed class WaitForResultTests
{
    // The client's idle timeout runs on the same clock; without it the only timers there are the waits between polls.
    private static readonly TimeSpan NoIdleTimeout = Timeout.InfiniteTimeSpan;

    private static readonly string StatusRoute = $"v1/{SpiritHarness.ServerlessId}/status";

    // The real-time smoke test of polling: the system clock, a job that runs 300 ms, bounds only on the count.
    [Fact]
    public async Task Polls_while_the_job_runs_and_returns_its_result()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":300,"text":"done"}"""));

        var result = await job.WaitForResultAsync();

        Assert.Equal("done", result.GetJson().GetProperty("text").GetString());
        Assert.True(harness.StatusPolls >= 2, $"Expected the job to be polled while running; it was polled {harness.StatusPolls} times.");
    }

    [Fact]
    public async Task Waits_between_polls_on_the_given_clock_doubling_up_to_the_longest_interval()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var clock = new RecordingTimeProvider();
        var client = harness.PollingClient(o => (o.PollInterval, o.MaxPollInterval, o.TimeProvider, o.IdleTimeout) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), clock, NoIdleTimeout));
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":600000}"""));
        using var stop = new CancellationTokenSource();
        var waiting = job.WaitForResultAsync(stop.Token);

        var waits = new List<TimeSpan>();
        for (int i = 1; i <= 5; i++)
        {
            waits.Add(await clock.NextWaitAsync(i));
            Assert.Equal(i, harness.StatusPolls);
            clock.Advance(waits[^1]);
        }

        await clock.NextWaitAsync(6);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal([1, 2, 4, 4, 4], waits.Select(w => w.TotalSeconds));
        Assert.Equal(6, harness.StatusPolls);
    }

    [Fact]
    public async Task A_job_whose_webhook_the_client_hears_is_polled_only_at_the_longest_interval()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var clock = new RecordingTimeProvider();
        var client = harness.ListeningClient(o => (o.PollInterval, o.MaxPollInterval, o.TimeProvider, o.IdleTimeout) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), clock, NoIdleTimeout));
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":600000}"""));
        using var stop = new CancellationTokenSource();
        var waiting = job.WaitForResultAsync(stop.Token);

        var first = await clock.NextWaitAsync(1);
        clock.Advance(first);
        var second = await clock.NextWaitAsync(2);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal((15, 15), (first.TotalSeconds, second.TotalSeconds));
        Assert.Equal(2, harness.StatusPolls);
    }

    [Fact]
    public async Task A_failed_job_throws_a_handler_failure_naming_the_job_and_the_message()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"fail":"tokenizer missing"}"""));

        var error = await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        Assert.Equal((SpiritErrorKind.HandlerFailed, job.Id, false), (error.Kind, error.RequestId, error.IsRetryable));
        Assert.Contains("tokenizer missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(job.Id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_outlived_its_ttl_throws_a_retryable_request_timeout()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("{}"), new SpiritSubmitOptions { TimeToLive = TimeSpan.FromMilliseconds(150) });

        var error = await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        Assert.Equal((SpiritErrorKind.RequestTimeout, System.Net.HttpStatusCode.RequestTimeout, true), (error.Kind, error.StatusCode, error.IsRetryable));
    }

    [Fact]
    public async Task A_job_the_service_has_forgotten_throws_status_expired()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritStatusRetention = TimeSpan.FromMilliseconds(500));
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("{}"));
        await job.WaitForResultAsync();
        await Task.Delay(1000);

        var error = await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        Assert.Equal((SpiritErrorKind.StatusExpired, job.Id), (error.Kind, error.RequestId));
    }

    [Fact]
    public async Task A_success_whose_result_is_not_in_the_status_says_only_the_webhook_carries_it()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit, StatusRoute).FailNext(1, 200,
            body: """{"statusCode":200,"requestID":"big","status":"succeed","message":"","result":null}""");
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.GetJob("big").WaitForResultAsync());

        Assert.Equal(SpiritErrorKind.ResultNotInStatus, error.Kind);
    }

    [Fact]
    public async Task Rides_out_two_transient_poll_failures_in_a_row()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"text":"survived"}"""));
        harness.Emulator.Faults.For(EmulatedService.Spirit, StatusRoute).FailNext(2, 503);

        var result = await job.WaitForResultAsync();

        Assert.Equal("survived", result.GetJson().GetProperty("text").GetString());
    }

    [Fact]
    public async Task Gives_up_after_three_transient_poll_failures_in_a_row()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("{}"));
        harness.Emulator.Faults.For(EmulatedService.Spirit, StatusRoute).FailNext(3, 500, body: """{"error":"failed to get status"}""");

        var error = await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        Assert.Equal(SpiritErrorKind.ServiceError, error.Kind);
        Assert.Equal(3, harness.StatusPolls);
    }

    [Fact]
    public async Task Stops_waiting_when_cancelled()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":10000}"""));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WaitForResultAsync(cancellation.Token));
    }

    [Fact]
    public async Task A_handle_rebuilt_from_the_request_id_waits_like_the_original()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var submitted = await harness.PollingClient().SubmitAsync(Json.Parse("""{"text":"later"}"""));
        var client = harness.PollingClient();

        var result = await client.GetJob(submitted.Id, submitted.Sequence).WaitForResultAsync();

        Assert.Equal("later", result.GetJson().GetProperty("text").GetString());
    }
}

using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Webhooks;

public sealed class WebhookWaitTests
{
    // The safety-net poll comes only at this pace, so that within a test the result can arrive through the webhook alone.
    private static readonly TimeSpan SlowPolling = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_with_a_webhook_completes_from_the_delivery_without_polling_again()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.ListeningClient(o => o.MaxPollInterval = SlowPolling);
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":300,"text":"by webhook"}"""));

        var result = await job.WaitForResultAsync();

        Assert.Equal("by webhook", result.GetJson().GetProperty("text").GetString());
        Assert.True(harness.StatusPolls <= 1, $"Expected at most the first poll; the job was polled {harness.StatusPolls} times.");
    }

    [Fact]
    public async Task A_delivery_that_arrives_before_anyone_waits_is_kept_for_the_waiter()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.ListeningClient(o => o.MaxPollInterval = SlowPolling);
        var job = await client.SubmitAsync(Json.Parse("""{"text":"early"}"""));
        await Eventually(() => harness.Webhooks.Registry.UnclaimedCount == 1);

        var result = await job.WaitForResultAsync();

        Assert.Equal("early", result.GetJson().GetProperty("text").GetString());
        Assert.Equal(0, harness.StatusPolls);
        Assert.Equal(0, harness.Webhooks.Registry.UnclaimedCount);
    }

    [Fact]
    public async Task A_failure_delivered_to_the_webhook_throws_a_handler_failure_with_the_message()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.ListeningClient(o => o.MaxPollInterval = SlowPolling);
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":300,"fail":"model not loaded"}"""));

        var error = await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        Assert.Equal((SpiritErrorKind.HandlerFailed, job.Id), (error.Kind, error.RequestId));
        Assert.Contains("model not loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_delivered_to_the_webhook_throws_a_retryable_request_timeout()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.ListeningClient(o => o.MaxPollInterval = SlowPolling);
        var job = await client.SubmitAsync(Json.Parse("{}"), new SpiritSubmitOptions { TimeToLive = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        Assert.Equal((SpiritErrorKind.RequestTimeout, true), (error.Kind, error.IsRetryable));
    }

    [Fact]
    public async Task A_client_without_the_registry_ignores_the_webhook_and_polls()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":200,"text":"polled"}"""));

        var result = await job.WaitForResultAsync();

        Assert.Equal("polled", result.GetJson().GetProperty("text").GetString());
        Assert.True(harness.StatusPolls >= 2);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            Assert.True(waited < TimeSpan.FromSeconds(20), "The condition did not come true within 20 s.");
            await Task.Delay(20);
        }
    }
}

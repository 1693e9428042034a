using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Jobs;

public sealed class CancelTests
{
    [Fact]
    public async Task Cancelling_a_queued_job_sends_its_id_and_sequence_and_the_job_ends()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("{}"));

        await job.CancelAsync();

        var request = harness.Requests[^1];
        Assert.Equal(("DELETE", "/v1/emulator-serverless/async"), (request.Method, request.Path));
        Assert.Equal($"?requestID={job.Id}&sequence={job.Sequence}", request.Query);
        Assert.NotEqual(SpiritJobState.InProgress, (await job.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Cancelling_all_returns_the_ids_of_every_queued_job()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.PollingClient();
        var first = await client.SubmitAsync(Json.Parse("{}"));
        var second = await client.SubmitAsync(Json.Parse("{}"));

        var cancelled = await client.CancelAllAsync();

        Assert.Equal(new[] { first.Id, second.Id }.Order(), cancelled.Order());
        var request = harness.Requests[^1];
        Assert.Equal(("DELETE", "/v1/emulator-serverless/async", string.Empty), (request.Method, request.Path, request.Query));
        Assert.Equal(0, await client.GetQueueLengthAsync());
    }

    [Fact]
    public async Task Cancelling_a_handle_without_a_sequence_explains_what_is_missing()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var job = harness.PollingClient().GetJob("request-1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => job.CancelAsync());

        Assert.Contains("sequence", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Cancelling_an_unknown_job_is_not_found()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.CancelAsync("unknown", "1"));

        Assert.Equal(SpiritErrorKind.NotFound, error.Kind);
    }
}

using Providers.Core;
using Providers.Emulator;
using Providers.Spirit.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.Jobs;

public sealed class StatusTests
{
    [Fact]
    public async Task A_job_still_running_is_in_progress_without_a_result()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":5000}"""));

        var status = await job.GetStatusAsync();

        Assert.Equal((SpiritJobState.InProgress, 200, null), (status.State, status.StatusCode, status.Result));
        Assert.Equal(job.Id, status.RequestId);
        Assert.Equal($"?requestID={job.Id}", harness.Requests[^1].Query);
    }

    [Fact]
    public async Task A_finished_jobs_status_carries_its_result_decoded_from_base64()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"answer":42}"""));
        await job.WaitForResultAsync();

        var status = await job.GetStatusAsync();

        Assert.Equal((SpiritJobState.Succeeded, "succeed"), (status.State, status.Status));
        Assert.Equal("""{"answer":42}""", status.Result!.GetText());
    }

    [Fact]
    public async Task A_failed_jobs_status_is_failed_with_the_handlers_message()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("""{"fail":"bad prompt"}"""));
        await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        var status = await job.GetStatusAsync();

        Assert.Equal((SpiritJobState.Failed, 500, "bad prompt"), (status.State, status.StatusCode, status.Message));
    }

    [Fact]
    public async Task A_failed_jobs_message_never_shows_the_api_key()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse($$"""{"fail":"rejected key {{SpiritHarness.ApiKey}}"}"""));
        await Assert.ThrowsAsync<SpiritException>(() => job.WaitForResultAsync());

        var status = await job.GetStatusAsync();

        Assert.Equal("rejected key ***", status.Message);
    }

    [Fact]
    public async Task A_job_the_service_has_forgotten_is_expired()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritStatusRetention = TimeSpan.FromMilliseconds(500));
        var client = harness.PollingClient();
        var job = await client.SubmitAsync(Json.Parse("{}"));
        await job.WaitForResultAsync();
        await Task.Delay(1000);

        var status = await job.GetStatusAsync();

        Assert.Equal((SpiritJobState.Expired, 404), (status.State, status.StatusCode));
    }

    [Fact]
    public async Task Batch_status_returns_one_status_per_id_in_the_order_asked()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        var first = await client.SubmitAsync(Json.Parse("""{"n":1}"""));
        var second = await client.SubmitAsync(Json.Parse("""{"n":2}"""));
        await second.WaitForResultAsync();
        await first.WaitForResultAsync();

        var statuses = await client.GetStatusesAsync([second.Id, "unknown-request", first.Id]);

        Assert.Equal([second.Id, "unknown-request", first.Id], statuses.Select(s => s.RequestId));
        Assert.Equal([SpiritJobState.Succeeded, SpiritJobState.Expired, SpiritJobState.Succeeded], statuses.Select(s => s.State));
        Assert.Equal("""{"n":2}""", statuses[0].Result!.GetText());
        var request = harness.Requests.Last(r => r.Method == "POST" && r.Path.EndsWith("/status", StringComparison.Ordinal));
        Snapshot.Match(request.Body.Replace(first.Id, "{first}", StringComparison.Ordinal).Replace(second.Id, "{second}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_status_without_ids_sends_nothing()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var statuses = await client.GetStatusesAsync([]);

        Assert.Empty(statuses);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Batch_status_names_the_position_of_an_empty_id()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetStatusesAsync(["a", " ", "c"]));

        Assert.Contains("Request id 1 of 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_status_missing_a_job_names_the_job_instead_of_returning_fewer_statuses()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit, $"v1/{SpiritHarness.ServerlessId}/status").FailNext(1, 200,
            body: """{"statuses":[{"statusCode":200,"requestID":"a","status":"executing","result":null}]}""");
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetStatusesAsync(["a", "b"]));

        Assert.Contains("no status for job b (item 1 of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_for_another_job_than_asked_is_an_invalid_response()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit, $"v1/{SpiritHarness.ServerlessId}/status").FailNext(1, 200,
            body: """{"statusCode":200,"requestID":"other","status":"succeed","result":"e30="}""");
        var client = harness.PollingClient();

        await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetStatusAsync("mine"));
    }

    [Fact]
    public async Task A_result_that_is_not_base64_is_an_invalid_response()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit, $"v1/{SpiritHarness.ServerlessId}/status").FailNext(1, 200,
            body: """{"statusCode":200,"requestID":"r","status":"succeed","result":"not base64!"}""");
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetStatusAsync("r"));

        Assert.Contains("not base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_of_raw_bytes_is_decoded_byte_for_byte()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF];
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit, $"v1/{SpiritHarness.ServerlessId}/status").FailNext(1, 200,
            body: $$"""{"statusCode":200,"requestID":"img","status":"succeed","result":"{{Convert.ToBase64String(png)}}"}""");
        var client = harness.PollingClient();

        var status = await client.GetStatusAsync("img");

        Assert.Equal(png, status.Result!.Data.ToArray());
        Assert.Throws<InvalidResponseException>(() => status.Result.GetJson());
    }

    [Fact]
    public async Task Queue_length_counts_the_jobs_waiting_for_a_gpu()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.PollingClient();
        await client.SubmitAsync(Json.Parse("{}"));
        await client.SubmitAsync(Json.Parse("{}"));

        int queued = await client.GetQueueLengthAsync();

        Assert.Equal(2, queued);
        var request = harness.Requests[^1];
        Assert.Equal(("GET", "/v1/emulator-serverless/status", string.Empty), (request.Method, request.Path, request.Query));
    }
}

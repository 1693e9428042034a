using System.Text.Json.Nodes;
using Providers.Core;
using Providers.Emulator;
using Providers.Spirit.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.Jobs;

public sealed class SyncRunTests
{
    [Fact]
    public async Task Posts_the_input_to_the_sync_endpoint_and_returns_the_handler_output()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var result = await client.RunSyncAsync(Json.Parse("""{"prompt":"hello","steps":3}"""));

        Assert.Equal("hello", result.GetJson().GetProperty("prompt").GetString());
        Assert.Equal("application/json", result.MediaType);
        var request = Assert.Single(harness.Requests);
        Assert.Equal(("POST", "/v1/emulator-serverless/sync"), (request.Method, request.Path));
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Serializes_a_typed_input_with_the_type_information_given()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var result = await client.RunSyncAsync(new Prompt("a haiku", 64), TestJsonContext.Default.Prompt);

        Assert.Equal(new Prompt("a haiku", 64), result.Deserialize(TestJsonContext.Default.Prompt));
        Snapshot.Match(Assert.Single(harness.Requests).Body);
    }

    [Fact]
    public async Task Returns_a_generator_handlers_items_as_one_json_array()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = (_, _) => ValueTask.FromResult<JsonNode?>(new JsonArray(0, 1, 2, 3, 4)));
        var client = harness.PollingClient();

        var result = await client.RunSyncAsync(Json.Parse("{}"));

        Assert.Equal([0, 1, 2, 3, 4], result.Deserialize(TestJsonContext.Default.Int32Array));
    }

    [Fact]
    public async Task Refuses_an_input_over_the_services_20_MB_limit_before_sending_it()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        string huge = new('x', 21 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.RunSyncAsync(huge, TestJsonContext.Default.String));

        Assert.Contains("20 MB", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Reports_503_no_gpu_as_a_retryable_gpu_unavailable_error()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritGpuAvailable = false);
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.Equal(SpiritErrorKind.GpuUnavailable, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("not enough gpu now", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_408_after_the_sync_wait_as_a_retryable_request_timeout()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritSyncTimeout = TimeSpan.FromMilliseconds(100));
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("""{"sleep_ms":5000}""")));

        Assert.Equal(SpiritErrorKind.RequestTimeout, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Contains("request timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_500_from_the_handler_as_a_handler_failure_that_is_not_retryable()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("""{"fail":"CUDA out of memory"}""")));

        Assert.Equal(SpiritErrorKind.HandlerFailed, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Contains("CUDA out of memory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed to publish message")]
    [InlineData("failed to get status")]
    [InlineData("failed to cancel message(s)")]
    public async Task Reports_the_services_own_500s_as_retryable_service_errors(string message)
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).FailNext(1, 500, body: new JsonObject { ["error"] = message }.ToJsonString());
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.Equal(SpiritErrorKind.ServiceError, error.Kind);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Reports_400_as_an_invalid_request_with_the_services_message()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).FailNext(1, 400, body: """{"error":"invalid request data, must be a json object with 'input' and 'webhook' (optional)"}""");
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.Equal(SpiritErrorKind.InvalidRequest, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.Contains("must be a json object with 'input'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_refused_api_key_as_unauthorized()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => o.ApiKey = "wrong-key");

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.Equal(SpiritErrorKind.Unauthorized, error.Kind);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Reports_an_unknown_serverless_id_as_not_found()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => o.ServerlessId = "no-such-endpoint");

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.Equal(SpiritErrorKind.NotFound, error.Kind);
        Assert.Equal("/v1/no-such-endpoint/sync", Assert.Single(harness.Requests).Path);
    }

    [Fact]
    public async Task Never_shows_the_api_key_in_an_error_even_when_the_service_echoes_it()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).FailNext(1, 400, body: $$"""{"error":"bad token Bearer {{SpiritHarness.ApiKey}}"}""");
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.DoesNotContain(SpiritHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_malformed_json_output_as_an_invalid_response()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).MalformedJson();
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.RunSyncAsync(Json.Parse("""{"text":"a long enough answer to cut in half"}""")));

        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_proxys_html_error_page_with_its_status_and_title()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).HtmlErrorPage(502);
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.RunSyncAsync(Json.Parse("{}")));

        Assert.Equal((SpiritErrorKind.Other, System.Net.HttpStatusCode.BadGateway, true), (error.Kind, error.StatusCode, error.IsRetryable));
        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_a_connection_reset_mid_output_as_a_retryable_error_not_a_short_result()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).ResetConnectionMidBody();
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => client.RunSyncAsync(Json.Parse("""{"text":"an answer long enough to be cut in half"}""")));

        Assert.IsNotType<InvalidResponseException>(error);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Stops_when_cancelled()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunSyncAsync(Json.Parse("""{"sleep_ms":10000}"""), cancellation.Token));
    }

    [Fact]
    public async Task Gives_up_after_the_clients_timeout_with_a_retryable_error()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => o.Timeout = TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<ProviderException>(() => client.RunSyncAsync(Json.Parse("""{"sleep_ms":10000}""")));

        Assert.True(error.IsRetryable);
        Assert.Contains("within 0.2 s (Timeout)", error.Message, StringComparison.Ordinal);
    }
}

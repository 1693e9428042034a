using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Providers.Emulator.Tests.Spirit;

public sealed class SpiritHandlerTests : EmulatorTest
{
    private string Id => Emulator.Options.SpiritServerlessId;

    protected override EmulatorOptions CreateOptions() => new() { SpiritStatusRetention = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task Sync_returns_the_handlers_output_as_JSON()
    {
        using var client = Client(EmulatedService.Spirit);

        var (response, body) = await PostAsync(client, $"v1/{Id}/sync", """{"input":{"prompt":"hi","n":2}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"prompt":"hi","n":2}""", body.ToJsonString());
    }

    [Fact]
    public async Task Sync_reports_a_failing_handler_as_a_500_error()
    {
        using var client = Client(EmulatedService.Spirit);

        var (response, body) = await PostAsync(client, $"v1/{Id}/sync", """{"input":{"fail":"model exploded"}}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("model exploded", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_answers_503_when_no_gpu_is_free()
    {
        Emulator.Options.SpiritGpuAvailable = false;
        using var client = Client(EmulatedService.Spirit);

        var (response, body) = await PostAsync(client, $"v1/{Id}/sync", """{"input":{}}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("not enough gpu now, please try again later", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_a_wrong_api_key()
    {
        using var client = Client(EmulatedService.Spirit, "Bearer wrong");

        var response = await client.PostAsync($"v1/{Id}/sync", Json("""{"input":{}}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_serverless_id()
    {
        using var client = Client(EmulatedService.Spirit);

        var response = await client.PostAsync("v1/someone-else/sync", Json("""{"input":{}}"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_request_without_input()
    {
        using var client = Client(EmulatedService.Spirit);

        var (response, body) = await PostAsync(client, $"v1/{Id}/sync", """{"prompt":"hi"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("invalid request data", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_async_request_without_a_webhook()
    {
        using var client = Client(EmulatedService.Spirit);

        var (response, body) = await PostAsync(client, $"v1/{Id}/async", """{"input":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("webhook is empty for async request", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_a_webhook_off_the_machine()
    {
        using var client = Client(EmulatedService.Spirit);

        var response = await client.PostAsync($"v1/{Id}/async", Json("""{"input":{},"webhook":"https://example.com/hook"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Async_moves_from_executing_to_succeed_and_calls_the_webhook()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);

        var submitted = await SubmitAsync(client, new JsonObject { ["sleep_ms"] = 400, ["answer"] = 42 }, webhook.Url);
        var id = submitted["id"]!.GetValue<string>();
        var running = await StatusAsync(client, id);
        var (query, body) = await webhook.NextAsync();
        var done = await StatusAsync(client, id);

        Assert.False(string.IsNullOrEmpty(submitted["sequence"]!.GetValue<string>()));
        Assert.Contains(running["status"]!.GetValue<string>(), (string[])["queueing", "executing"]);
        Assert.Null(running["result"]);
        Assert.Equal(id, query["requestID"].ToString());
        Assert.Equal("200", query["statusCode"].ToString());
        Assert.Equal(42, JsonNode.Parse(body)!["answer"]!.GetValue<int>());
        Assert.Equal("succeed", done["status"]!.GetValue<string>());
        Assert.Equal(200, done["statusCode"]!.GetValue<int>());
        Assert.Equal(42, JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(done["result"]!.GetValue<string>())))!["answer"]!.GetValue<int>());
    }

    [Fact]
    public async Task Async_result_over_2_MB_succeeds_and_reaches_the_webhook_only()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);
        var large = new string('x', (2 * 1024 * 1024) + 1);

        var submitted = await SubmitAsync(client, new JsonObject { ["text"] = large }, webhook.Url);
        var (query, body) = await webhook.NextAsync();
        var status = await StatusAsync(client, submitted["id"]!.GetValue<string>());

        Assert.Equal("200", query["statusCode"].ToString());
        Assert.Equal(large, JsonNode.Parse(body)!["text"]!.GetValue<string>());
        Assert.Equal("succeed", status["status"]!.GetValue<string>());
        Assert.Equal(200, status["statusCode"]!.GetValue<int>());
        Assert.Null(status["result"]);
    }

    [Fact]
    public async Task Async_failure_reaches_the_webhook_with_status_500_and_the_error()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);

        await SubmitAsync(client, new JsonObject { ["fail"] = "out of memory" }, webhook.Url);
        var (query, body) = await webhook.NextAsync();

        Assert.Equal("500", query["statusCode"].ToString());
        Assert.Equal("out of memory", JsonNode.Parse(body)!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_that_does_not_answer_200_marks_the_request_failed()
    {
        await using var webhook = await WebhookReceiver.StartAsync(status: 500);
        using var client = Client(EmulatedService.Spirit);

        var id = (await SubmitAsync(client, new JsonObject(), webhook.Url))["id"]!.GetValue<string>();
        await webhook.NextAsync();
        var status = await WaitForStatusAsync(client, id, s => s["status"]!.GetValue<string>() == "failed");

        Assert.Equal("failed", status["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_job_that_outlives_its_ttl_ends_with_408()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);

        var id = (await SubmitAsync(client, new JsonObject { ["sleep_ms"] = 5000 }, webhook.Url, ttlMs: 200))["id"]!.GetValue<string>();
        var (query, _) = await webhook.NextAsync();
        var status = await StatusAsync(client, id);

        Assert.Equal("408", query["statusCode"].ToString());
        Assert.Equal(408, status["statusCode"]!.GetValue<int>());
        Assert.Equal("request timeout", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Counts_queued_jobs_while_no_gpu_is_free_and_cancels_them_all()
    {
        Emulator.Options.SpiritGpuAvailable = false;
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await SubmitAsync(client, new JsonObject(), webhook.Url))["id"]!.GetValue<string>());
        }

        var count = await ReadJsonAsync(await client.GetAsync($"v1/{Id}/status"));
        var cleaned = await ReadJsonAsync(await client.DeleteAsync($"v1/{Id}/async"));
        var after = await ReadJsonAsync(await client.GetAsync($"v1/{Id}/status"));

        Assert.Equal(3, count["queueingCount"]!.GetValue<int>());
        Assert.Equal(ids.Order(), cleaned["cleaned"]!.AsArray().Select(c => c!.GetValue<string>()).Order());
        Assert.Equal(0, after["queueingCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cancels_one_request_by_id_and_sequence()
    {
        Emulator.Options.SpiritGpuAvailable = false;
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);
        var submitted = await SubmitAsync(client, new JsonObject(), webhook.Url);
        var id = submitted["id"]!.GetValue<string>();

        var cancelled = await ReadJsonAsync(await client.DeleteAsync($"v1/{Id}/async?requestID={id}&sequence={submitted["sequence"]}"));
        var status = await StatusAsync(client, id);

        Assert.Equal(id, cancelled["id"]!.GetValue<string>());
        Assert.Equal("failed", status["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reports_several_statuses_at_once()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);
        var id = (await SubmitAsync(client, new JsonObject(), webhook.Url))["id"]!.GetValue<string>();

        var (_, body) = await PostAsync(client, $"v1/{Id}/status", $$"""{"requestIDs":["{{id}}","unknown-id"]}""");
        var statuses = body["statuses"]!.AsArray();

        Assert.Equal(id, statuses[0]!["requestID"]!.GetValue<string>());
        Assert.Equal(404, statuses[1]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answers_404_for_an_unknown_request_id()
    {
        using var client = Client(EmulatedService.Spirit);

        var response = await client.GetAsync($"v1/{Id}/status?requestID=never-submitted");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonNode> SubmitAsync(HttpClient client, JsonObject input, Uri webhook, int? ttlMs = null)
    {
        var request = new JsonObject { ["input"] = input, ["webhook"] = webhook.ToString() };
        if (ttlMs is not null)
        {
            request["policy"] = new JsonObject { ["ttl"] = ttlMs };
        }

        var response = await client.PostAsync($"v1/{Id}/async", Json(request));
        response.EnsureSuccessStatusCode();
        return await ReadJsonAsync(response);
    }

    private async Task<JsonNode> StatusAsync(HttpClient client, string requestId) =>
        await ReadJsonAsync(await client.GetAsync($"v1/{Id}/status?requestID={requestId}"));

    private async Task<JsonNode> WaitForStatusAsync(HttpClient client, string requestId, Func<JsonNode, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var status = await StatusAsync(client, requestId);
            if (until(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(20);
        }
    }
}

public sealed class SpiritStatusRetentionTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { SpiritStatusRetention = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Forgets_a_finished_status_after_the_retention_time()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        using var client = Client(EmulatedService.Spirit);
        var response = await client.PostAsync($"v1/{Emulator.Options.SpiritServerlessId}/async", Json(new JsonObject { ["input"] = new JsonObject(), ["webhook"] = webhook.Url.ToString() }));
        var id = (await ReadJsonAsync(response))["id"]!.GetValue<string>();
        await webhook.NextAsync();

        await Task.Delay(400);
        var status = await client.GetAsync($"v1/{Emulator.Options.SpiritServerlessId}/status?requestID={id}");

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }
}

public sealed class SpiritCustomHandlerTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new()
    {
        SpiritHandler = (request, _) => ValueTask.FromResult<JsonNode?>(new JsonArray(request.Input!["text"]!.GetValue<string>().Length, request.RequestId.Length > 0)),
    };

    [Fact]
    public async Task Runs_the_handler_the_options_give()
    {
        using var client = Client(EmulatedService.Spirit);

        var (_, body) = await PostAsync(client, $"v1/{Emulator.Options.SpiritServerlessId}/sync", """{"input":{"text":"abcd"}}""");

        Assert.Equal("[4,true]", body.ToJsonString());
    }
}

public sealed class SpiritSyncTimeoutTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { SpiritSyncTimeout = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task Sync_answers_408_when_the_handler_outlasts_the_wait_and_the_worker_serves_on()
    {
        using var client = Client(EmulatedService.Spirit);
        var path = $"v1/{Emulator.Options.SpiritServerlessId}/sync";

        var (slow, body) = await PostAsync(client, path, """{"input":{"sleep_ms":5000}}""");
        var next = await client.PostAsync(path, Json("""{"input":{"ok":true}}"""));

        Assert.Equal(HttpStatusCode.RequestTimeout, slow.StatusCode);
        Assert.Equal("request timeout", body["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}

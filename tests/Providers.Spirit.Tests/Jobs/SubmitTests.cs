using Providers.Spirit.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.Jobs;

public sealed class SubmitTests
{
    // A loopback address nothing listens on: the emulator accepts it, and the job's outcome is simply undeliverable.
    private static readonly Uri FixedWebhook = new("http://127.0.0.1:9/spirit/webhook");

    [Fact]
    public async Task Posts_input_webhook_and_ttl_and_returns_a_handle_with_id_and_sequence()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var job = await client.SubmitAsync(Json.Parse("""{"prompt":"hello"}"""), new SpiritSubmitOptions { Webhook = FixedWebhook, TimeToLive = TimeSpan.FromMinutes(10) });

        Assert.False(string.IsNullOrEmpty(job.Id));
        Assert.False(string.IsNullOrEmpty(job.Sequence));
        Assert.Equal(FixedWebhook, job.Webhook);
        var request = Assert.Single(harness.Requests);
        Assert.Equal(("POST", "/v1/emulator-serverless/async"), (request.Method, request.Path));
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Leaves_the_policy_out_when_no_ttl_is_set()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => o.WebhookUrl = FixedWebhook);

        await client.SubmitAsync(Json.Parse("""{"prompt":"hello"}"""));

        Snapshot.Match(Assert.Single(harness.Requests).Body);
    }

    [Fact]
    public async Task Uses_the_clients_default_webhook_and_ttl_when_the_submission_names_none()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => (o.WebhookUrl, o.DefaultTimeToLive) = (FixedWebhook, TimeSpan.FromSeconds(90)));

        var job = await client.SubmitAsync(Json.Parse("{}"));

        string body = Assert.Single(harness.Requests).Body;
        Assert.Equal(FixedWebhook.AbsoluteUri, Json.Field(body, "webhook").GetString());
        Assert.Equal(90_000, Json.Field(body, "policy").GetProperty("ttl").GetInt64());
        Assert.Equal(FixedWebhook, job.Webhook);
    }

    [Fact]
    public async Task A_submission_without_any_webhook_is_refused_by_the_service_as_an_invalid_request()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => o.WebhookUrl = null);

        var error = await Assert.ThrowsAsync<SpiritException>(() => client.SubmitAsync(Json.Parse("{}")));

        Assert.Equal(SpiritErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("webhook is empty for async request", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook", Assert.Single(harness.Requests).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24 * 60 * 60 * 1000.0)]
    [InlineData(0.0)]
    public async Task Refuses_a_ttl_outside_the_services_range_before_sending(double milliseconds)
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => client.SubmitAsync(Json.Parse("{}"), new SpiritSubmitOptions { TimeToLive = TimeSpan.FromMilliseconds(milliseconds) }));

        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Refuses_a_webhook_that_is_not_an_http_url_before_sending()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => client.SubmitAsync(Json.Parse("{}"), new SpiritSubmitOptions { Webhook = new Uri("ftp://127.0.0.1/hook") }));

        Assert.Contains("ftp://127.0.0.1/hook", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Serializes_a_typed_input_into_the_job_body()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.PollingClient(o => o.WebhookUrl = FixedWebhook);

        await client.SubmitAsync(new Prompt("a limerick", 128), TestJsonContext.Default.Prompt);

        Snapshot.Match(Assert.Single(harness.Requests).Body);
    }
}

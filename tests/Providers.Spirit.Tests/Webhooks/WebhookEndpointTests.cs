using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Webhooks;

public sealed class WebhookEndpointTests
{
    [Fact]
    public async Task Answers_200_and_keeps_a_delivery_nobody_waits_for_yet()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(Signed(receiver, "requestID=r-1&statusCode=200"), Content("""{"text":"hi"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = await receiver.Registry.WaitAsync("r-1", CancellationToken.None);
        Assert.Equal((200, """{"text":"hi"}""", "application/json"), (delivery.StatusCode, Encoding.UTF8.GetString(delivery.Body.Span), delivery.MediaType));
    }

    [Theory]
    [InlineData("statusCode=200", "requestID")]
    [InlineData("requestID=r-1", "statusCode")]
    [InlineData("requestID=r-1&statusCode=ok", "statusCode")]
    [InlineData("requestID=r-1&statusCode=1200", "statusCode")]
    public async Task Refuses_a_call_without_a_request_id_or_status_code_and_names_what_is_missing(string query, string missing)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(Signed(receiver, query), Content("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(missing, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, receiver.Registry.UnclaimedCount);
    }

    [Theory]
    [InlineData("?requestID=r-1&statusCode=200")]
    [InlineData("?requestID=r-1&statusCode=200&spirit_nonce=n&spirit_expires=99999999999&spirit_sig=forged")]
    [InlineData("?requestID=r-1&statusCode=200&spirit_nonce=&spirit_expires=&spirit_sig=")]
    public async Task Refuses_a_call_through_a_url_it_did_not_issue_with_403_and_the_job_keeps_waiting(string query)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        var waiting = receiver.Registry.WaitAsync("r-1", CancellationToken.None);

        using var response = await http.PostAsync(new Uri(receiver.Url, query), Content("""{"text":"forged"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, receiver.Registry.UnclaimedCount);
    }

    [Fact]
    public async Task Refuses_a_call_through_a_url_another_registry_issued()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        using var other = new SpiritWebhookRegistry().Issue(receiver.Url);
        other.Bind("r-1");

        using var response = await http.PostAsync(new Uri(other.Url.AbsoluteUri + "&requestID=r-1&statusCode=200"), Content("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, receiver.Registry.UnclaimedCount);
    }

    [Fact]
    public async Task The_emulators_webhook_completes_a_job_submitted_to_a_webhook_url_that_has_a_query()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var client = harness.ListeningClient(o => o.MaxPollInterval = TimeSpan.FromSeconds(30));
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":100,"text":"with a query"}"""),
            new SpiritSubmitOptions { Webhook = new Uri(harness.Webhooks.Url, "?tenant=a") });

        var result = await job.WaitForResultAsync();

        Assert.Equal("with a query", result.GetJson().GetProperty("text").GetString());
        Assert.True(harness.StatusPolls <= 1, $"Expected at most the first poll; the job was polled {harness.StatusPolls} times.");
    }

    [Fact]
    public async Task An_app_registered_through_di_completes_its_jobs_from_the_emulators_webhook()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:Spirit:Endpoint"] = harness.Emulator.SpiritBaseUrl.AbsoluteUri,
            ["Providers:Spirit:ApiKey"] = SpiritHarness.ApiKey,
            ["Providers:Spirit:ServerlessId"] = SpiritHarness.ServerlessId,
            ["Providers:Spirit:MaxPollInterval"] = "00:00:30",
        }).Build();
        await using var app = await LoopbackServer.StartAsync(
            app => app.MapSpiritWebhook("/hooks/spirit"),
            services => services.AddSpiritJobClient(configuration.GetSection("Providers:Spirit").Bind));
        var client = app.Services.GetRequiredService<SpiritJobClient>();
        var job = await client.SubmitAsync(Json.Parse("""{"sleep_ms":200,"text":"through the app"}"""),
            new SpiritSubmitOptions { Webhook = app["hooks/spirit"] });

        var result = await job.WaitForResultAsync();

        Assert.Equal("through the app", result.GetJson().GetProperty("text").GetString());
        Assert.True(harness.StatusPolls <= 1, $"Expected at most the first poll; the job was polled {harness.StatusPolls} times.");
    }

    [Fact]
    public async Task Mapping_the_webhook_without_a_registry_says_how_to_register_one()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LoopbackServer.StartAsync(app => app.MapSpiritWebhook()));

        Assert.Contains("AddSpiritJobClient", error.Message, StringComparison.Ordinal);
    }

    // A URL the receiver's registry issued and bound to job r-1, with the service's parameters after it.
    private static Uri Signed(WebhookReceiver receiver, string query)
    {
        using var ticket = receiver.Registry.Issue(receiver.Url);
        ticket.Bind("r-1");
        return new Uri(ticket.Url.AbsoluteUri + "&" + query);
    }

    private static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");
}

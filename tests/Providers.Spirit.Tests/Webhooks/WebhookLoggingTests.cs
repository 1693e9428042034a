using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Webhooks;

/// <summary>What docs/spirit-gpu.md says of the webhook URL in ASP.NET Core's logs, checked with the logs themselves.</summary>
public sealed partial class WebhookLoggingTests
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public async Task The_url_the_hosting_log_shows_at_information_level_is_refused_after_its_one_use()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var registry = new SpiritWebhookRegistry();
        var logs = new FakeLogCollector();
        await using var app = await LoopbackServer.StartAsync(
            app => app.MapSpiritWebhook("/spirit/webhook"),
            services => services.AddSingleton(registry).AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs))));
        using var client = new SpiritJobClient(harness.Options(o => o.MaxPollInterval = TimeSpan.FromSeconds(30)), registry);
        var job = await client.SubmitAsync(Json.Parse("""{"text":"real"}"""), new SpiritSubmitOptions { Webhook = app["spirit/webhook"] });
        var result = await job.WaitForResultAsync();
        await Eventually(() => registry.WaitingCount == 0);

        var logged = logs.GetSnapshot().First(r => r.Category == HostingCategory && r.Level == LogLevel.Information
            && r.Message.StartsWith("Request starting", StringComparison.Ordinal) && r.Message.Contains("spirit_nonce=", StringComparison.Ordinal));
        var url = new Uri(LoggedUrl().Match(logged.Message).Value);
        using var http = new HttpClient();
        using var sameJob = await http.PostAsync(url, Body("""{"text":"forged"}"""));
        using var otherJob = await http.PostAsync(new Uri(url.AbsoluteUri.Replace(job.Id, "another-job", StringComparison.Ordinal)), Body("""{"text":"forged"}"""));

        Assert.Contains($"requestID={job.Id}", url.Query, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (sameJob.StatusCode, otherJob.StatusCode));
        Assert.Equal("real", result.GetJson().GetProperty("text").GetString());

        // The result may have come from the first status poll, the delivery then kept for a waiter: it is the real one.
        if (registry.UnclaimedCount > 0)
        {
            Assert.Contains("real", Encoding.UTF8.GetString((await registry.WaitAsync(job.Id, CancellationToken.None)).Body.Span), StringComparison.Ordinal);
        }

        Assert.Equal(0, registry.UnclaimedCount);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LoggedUrl();

    private static StringContent Body(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task Eventually(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(20))
        {
            Assert.True(waited < TimeSpan.FromSeconds(20), "The condition did not come true within 20 s.");
            await Task.Delay(20);
        }
    }
}

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Providers.Spirit.Tests.Support;

namespace Providers.Spirit.Tests.Webhooks;

/// <summary>
/// What an attacker who captured a webhook call (from an access log, a proxy, the service's logs) can do with it:
/// nothing. The emulator sends each job's call to a capturing endpoint, as if intercepted; the test then plays the
/// service's part and the attacker's against the app's real endpoint, on 127.0.0.1.
/// </summary>
public sealed class WebhookForgeryTests : IAsyncLifetime
{
    private static readonly TimeSpan MaxRunTime = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _clock = new();
    private readonly HttpClient _http = new();
    private SpiritHarness _harness = null!;
    private LoopbackServer _app = null!;
    private SpiritWebhookRegistry _registry = null!;
    private SpiritJobClient _client = null!;

    public async Task InitializeAsync()
    {
        _harness = await SpiritHarness.StartAsync();
        _registry = new SpiritWebhookRegistry(maxRunTime: MaxRunTime, timeProvider: _clock);
        _app = await LoopbackServer.StartAsync(
            app =>
            {
                app.MapSpiritWebhook("/spirit/webhook");
                app.MapPost("/captured", () => Results.Ok());
            },
            services => services.AddSingleton(_registry));
        _client = new SpiritJobClient(_harness.Options(), _registry);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _client.Dispose();
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task The_captured_call_completes_its_waiting_job_once()
    {
        var a = await SubmitAndCaptureAsync("result of a");
        var waiting = _registry.WaitAsync(a.JobId, CancellationToken.None);

        using var response = await PostAsync(a.Query, a.Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(a.Body, Encoding.UTF8.GetString((await waiting).Body.Span));
        Assert.Equal(0, _registry.WaitingCount);
    }

    [Fact]
    public async Task A_captured_url_replayed_with_another_jobs_id_and_body_is_refused_and_that_job_keeps_its_own_result()
    {
        var a = await SubmitAndCaptureAsync("result of a");
        var b = await SubmitAndCaptureAsync("result of b");
        var waitingB = _registry.WaitAsync(b.JobId, CancellationToken.None);

        using var forged = await PostAsync(new Dictionary<string, string>(a.Query) { ["requestID"] = b.JobId }, """{"text":"forged"}""");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(waitingB.IsCompleted);
        using var real = await PostAsync(b.Query, b.Body);
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Contains("result of b", Encoding.UTF8.GetString((await waitingB).Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_delivery_for_the_same_job_is_refused()
    {
        var a = await SubmitAndCaptureAsync("result of a");
        using var first = await PostAsync(a.Query, a.Body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var kept = await _registry.WaitAsync(a.JobId, CancellationToken.None);

        using var again = await PostAsync(a.Query, """{"text":"forged"}""");

        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Equal(0, _registry.UnclaimedCount);
        Assert.Contains("result of a", Encoding.UTF8.GetString(kept.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_after_the_url_expired_is_refused()
    {
        var a = await SubmitAndCaptureAsync("result of a", TimeSpan.FromMinutes(1));
        var waiting = _registry.WaitAsync(a.JobId, CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(1) + MaxRunTime + TimeSpan.FromSeconds(1));
        using var late = await PostAsync(a.Query, a.Body);

        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task A_delivery_just_before_the_url_expires_is_accepted()
    {
        var a = await SubmitAndCaptureAsync("result of a", TimeSpan.FromMinutes(1));

        _clock.Advance(TimeSpan.FromMinutes(1) + MaxRunTime - TimeSpan.FromSeconds(2));
        using var response = await PostAsync(a.Query, a.Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_delivery_with_a_nonce_the_app_is_not_waiting_for_is_refused()
    {
        var a = await SubmitAndCaptureAsync("result of a");
        var withdrawn = _registry.Issue(_app["spirit/webhook"]);
        withdrawn.Dispose();
        var waiting = _registry.WaitAsync(a.JobId, CancellationToken.None);

        // A nonce that was issued, signed and withdrawn (its submission failed): the signature is valid, the nonce unknown.
        using var response = await _http.PostAsync(
            new Uri($"{withdrawn.Url.AbsoluteUri}&requestID={a.JobId}&statusCode=200"), Json(a.Body));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public async Task A_submission_the_service_refuses_leaves_no_url_waiting()
    {
        using var client = new SpiritJobClient(_harness.Options(o => o.ApiKey = "wrong-key"), _registry);

        await Assert.ThrowsAsync<SpiritException>(() => client.SubmitAsync(Support.Json.Parse("{}"), new SpiritSubmitOptions { Webhook = _app["captured"] }));

        Assert.Equal(0, _registry.WaitingCount);
    }

    private async Task<Captured> SubmitAndCaptureAsync(string text, TimeSpan? timeToLive = null)
    {
        var job = await _client.SubmitAsync(Support.Json.Parse($$"""{"text":"{{text}}"}"""),
            new SpiritSubmitOptions { Webhook = _app["captured"], TimeToLive = timeToLive });
        while (true)
        {
            var call = await _app.NextRequestAsync();
            if (call.Path == "/captured" && call.Query["requestID"] == job.Id)
            {
                return new Captured(job.Id, call.Query.ToDictionary(p => p.Key, p => p.Value.ToString()), call.Body);
            }
        }
    }

    private Task<HttpResponseMessage> PostAsync(IReadOnlyDictionary<string, string> query, string body) =>
        _http.PostAsync(new Uri(_app["spirit/webhook"], "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"))), Json(body));

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private sealed record Captured(string JobId, Dictionary<string, string> Query, string Body);
}

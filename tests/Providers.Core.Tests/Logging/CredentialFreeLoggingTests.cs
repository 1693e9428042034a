using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Providers.Core.DependencyInjection;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Logging;

/// <summary>Item 5 of issue 11: an API key reaches no log record, state value, scope, span, event or metric tag.</summary>
public sealed class CredentialFreeLoggingTests
{
    private const string Key = "sk-marker-9b7e51d3";

    [Fact]
    public async Task A_registered_provider_logging_at_Trace_with_scopes_and_OpenTelemetry_never_exports_its_key()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/" + LoopbackChatClient.Path, (HttpRequest request) =>
            Interlocked.Increment(ref calls) switch
            {
                1 => Results.Text($"{{\"error\":{{\"message\":\"bad key {request.Headers.Authorization}\"}}}}", "application/json", statusCode: 401),
                2 => Results.Text("{\"text\":\"ok\"}", "application/json"),
                _ => Results.Text("data: {\"text\":\"ok\"}\n\ndata: [DONE]\n\n", "text/event-stream"),
            }));
        using var telemetry = new CapturedTelemetry();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(telemetry).Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId));
        ProviderRegistration.AddChatClient<LoopbackOptions>(services, "Providers:Loopback",
            o => { o.Endpoint = server.BaseAddress; o.ApiKey = Key; },
            (http, o) => new LoopbackChatClient(o.CreateServiceClient("Loopback", http, () => ServiceAuthentication.Bearer(o.ApiKey))))
            .UseLogging()
            .UseOpenTelemetry(configure: o => o.EnableSensitiveData = false);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("hi"));
        await client.GetResponseAsync("hi");
        await client.GetStreamingResponseAsync("hi").ToListAsync();

        Assert.True(telemetry.LogCount > 5, $"only {telemetry.LogCount} log records: the test would prove nothing");
        Assert.DoesNotContain(telemetry.Texts, text => text.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(error.Data.Values.Cast<object?>(), value => value?.ToString()?.Contains(Key, StringComparison.Ordinal) is true);
    }
}

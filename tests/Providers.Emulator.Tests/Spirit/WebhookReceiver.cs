using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Providers.Emulator.Tests.Spirit;

/// <summary>A loopback server that records the webhook calls Spirit makes.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<(IQueryCollection Query, string Body)> _calls;

    private WebhookReceiver(WebApplication app, Channel<(IQueryCollection, string)> calls) => (_app, _calls) = (app, calls);

    public Uri Url => new(_app.Urls.First() + "/hook");

    public static async Task<WebhookReceiver> StartAsync(int status = StatusCodes.Status200OK)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var calls = Channel.CreateUnbounded<(IQueryCollection, string)>();
        app.MapPost("/hook", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            calls.Writer.TryWrite((context.Request.Query, await reader.ReadToEndAsync()));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return new WebhookReceiver(app, calls);
    }

    public async Task<(IQueryCollection Query, string Body)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _calls.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

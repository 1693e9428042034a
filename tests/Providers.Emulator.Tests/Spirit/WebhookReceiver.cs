using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Tests.Spirit;

/// <summary>A loopback server that records the webhook calls Spirit makes and answers them with one status.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private WebhookReceiver(LoopbackServer server) => _server = server;

    public Uri Url => _server["hook"];

    public static async Task<WebhookReceiver> StartAsync(int status = StatusCodes.Status200OK) =>
        new(await LoopbackServer.StartAsync(app => app.MapPost("/hook", () => Results.StatusCode(status))));

    public async Task<(IQueryCollection Query, string Body)> NextAsync()
    {
        var call = await _server.NextRequestAsync();
        return (call.Query, call.Body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

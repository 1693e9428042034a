using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Providers.Spirit;

namespace Providers.Testing;

/// <summary>A loopback ASP.NET Core app whose only endpoint is <c>MapSpiritWebhook("/spirit/webhook")</c>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private WebhookReceiver(LoopbackServer server, SpiritWebhookRegistry registry) => (_server, Registry) = (server, registry);

    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>Gets the webhook's URL.</summary>
    public Uri Url => _server["spirit/webhook"];

    /// <summary>Gets the registry the endpoint feeds.</summary>
    public SpiritWebhookRegistry Registry { get; }

    /// <summary>Gets the deliveries received so far, in order.</summary>
    public IReadOnlyList<LoopbackRequest> Deliveries => _server.Requests;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var registry = new SpiritWebhookRegistry();
        var server = await LoopbackServer.StartAsync(app => app.MapSpiritWebhook("/spirit/webhook"), services => services.AddSingleton(registry));
        return new WebhookReceiver(server, registry);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.Spirit.Tests.Support;

/// <summary>An ASP.NET Core app on 127.0.0.1 and a free port whose only endpoint is <c>MapSpiritWebhook("/spirit/webhook")</c>.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri baseAddress, SpiritWebhookRegistry registry)
    {
        _app = app;
        BaseAddress = baseAddress;
        Registry = registry;
    }

    public Uri BaseAddress { get; }

    /// <summary>Gets the webhook's URL.</summary>
    public Uri Url => new(BaseAddress, "spirit/webhook");

    /// <summary>Gets the registry the endpoint feeds.</summary>
    public SpiritWebhookRegistry Registry { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var registry = new SpiritWebhookRegistry();
        var app = await StartAppAsync(services => services.AddSingleton(registry), app => app.MapSpiritWebhook("/spirit/webhook"));
        return new WebhookReceiver(app, Address(app), registry);
    }

    /// <summary>Starts an app with the given services and endpoints on a free loopback port.</summary>
    public static async Task<WebApplication> StartAppAsync(Action<IServiceCollection> addServices, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        addServices(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

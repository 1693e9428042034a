using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.SvRay.Tests.Support;

/// <summary>A loopback web server that serves the image files (and failures) one test maps, counting the requests it gets.</summary>
internal sealed class ImageHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requestCount;

    private ImageHost(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int RequestCount => Volatile.Read(ref _requestCount);

    public Uri this[string path] => new(BaseAddress, path);

    public static async Task<ImageHost> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var host = new ImageHost(builder.Build());
        host._app.Use((context, next) =>
        {
            Interlocked.Increment(ref host._requestCount);
            return next(context);
        });
        map(host._app);
        await host._app.StartAsync();
        host.BaseAddress = new Uri(host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return host;
    }

    public static RequestDelegate File(byte[] bytes, string contentType) => context =>
    {
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

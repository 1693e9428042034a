using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.ColQwen.Tests.Support;

/// <summary>
/// A loopback Kestrel server answering as a deployment the emulator does not play (older ColQwen versions, the
/// per-item /patches error form), recording each request's path and body.
/// </summary>
internal sealed class LoopbackService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

    private LoopbackService(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<(string Path, string Body)> Requests => [.. _requests];

    public static async Task<LoopbackService> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var service = new LoopbackService(builder.Build());
        service._app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            service._requests.Enqueue((context.Request.Path, await reader.ReadToEndAsync(context.RequestAborted)));
            context.Request.Body.Position = 0;
            await next(context);
        });
        map(service._app);
        await service._app.StartAsync();
        service.BaseAddress = new Uri(service._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
        return service;
    }

    public ColQwenOptions Options() => new() { Endpoint = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Providers.Core.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 and a free port, serving the endpoints one test maps, and recording every request
/// as it arrives (before the handler runs), so that tests can count attempts and read what was sent.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests;

    private LoopbackServer(WebApplication app, ConcurrentQueue<RecordedRequest> requests, Uri baseAddress)
    {
        _app = app;
        _requests = requests;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the server's base URL, ending with '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the requests received so far, in order of arrival.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (context, next) =>
        {
            long arrived = Stopwatch.GetTimestamp();
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            requests.Enqueue(new RecordedRequest(
                context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(), body, arrived));
            await next(context);
        });
        map(app);

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackServer(app, requests, new Uri(address + "/"));
    }

    /// <summary>Finds a loopback port on which nothing listens, for tests of an unreachable service.</summary>
    public static int FindClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Creates a client for this server that owns its <see cref="HttpClient"/>.</summary>
    public ServiceHttpClient CreateClient(string serviceName = "Loopback", ServiceAuthentication? authentication = null, TimeSpan? timeout = null) =>
        new(serviceName, new HttpClient(), BaseAddress, authentication ?? ServiceAuthentication.None, timeout ?? TimeSpan.FromSeconds(10), disposeHttpClient: true);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A request as the loopback server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Authorization">The Authorization header, empty when absent.</param>
/// <param name="Body">The body as text.</param>
/// <param name="ArrivedAt">When it arrived, as a <see cref="Stopwatch"/> timestamp.</param>
internal sealed record RecordedRequest(string Method, PathString Path, string Authorization, string Body, long ArrivedAt);

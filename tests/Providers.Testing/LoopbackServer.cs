using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Providers.Core;

namespace Providers.Testing;

/// <summary>
/// A Kestrel server on 127.0.0.1 and a free port, serving the endpoints one test maps, and recording every request
/// as it arrives (before the handler runs), so that tests can count attempts, read what was sent, or wait for the next.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly Channel<LoopbackRequest> _arrivals = Channel.CreateUnbounded<LoopbackRequest>();

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>Gets the server's base URL, ending with '/'.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the app's services, for endpoints that registered their own.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the requests received so far, in order of arrival.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>Gets how many requests arrived.</summary>
    public int RequestCount => _requests.Count;

    /// <summary>Gets the absolute URL of a path on this server.</summary>
    public Uri this[string path] => new(BaseAddress, path);

    /// <summary>Starts a server with the given endpoints and, optionally, services.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> map, Action<IServiceCollection>? addServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        addServices?.Invoke(builder.Services);
        var server = new LoopbackServer(builder.Build());
        server._app.Use(server.RecordAsync);
        map(server._app);

        await server._app.StartAsync();
        string address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    /// <summary>An endpoint that answers with the given bytes.</summary>
    public static RequestDelegate File(byte[] bytes, string contentType) => context =>
    {
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    };

    /// <summary>Finds a loopback port on which nothing listens, for tests of an unreachable service.</summary>
    public static int FindClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits for the next request to arrive (20 s at most, so that a missing call fails the test).</summary>
    public async Task<LoopbackRequest> NextRequestAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _arrivals.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Creates a client for this server that owns its <see cref="HttpClient"/>.</summary>
    public ServiceHttpClient CreateClient(string serviceName = "Loopback", ServiceAuthentication? authentication = null, TimeSpan? timeout = null) =>
        new(serviceName, new HttpClient(), BaseAddress, authentication ?? ServiceAuthentication.None, timeout ?? TimeSpan.FromSeconds(10), disposeHttpClient: true);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        long arrived = Stopwatch.GetTimestamp();
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        string body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var request = new LoopbackRequest(
            context.Request.Method, context.Request.Path, context.Request.Query, context.Request.Headers.Authorization.ToString(), body, arrived);
        _requests.Enqueue(request);
        _arrivals.Writer.TryWrite(request);
        await next(context);
    }
}

/// <summary>A request as the loopback server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The query string's values.</param>
/// <param name="Authorization">The Authorization header, empty when absent.</param>
/// <param name="Body">The body as text.</param>
/// <param name="ArrivedAt">When it arrived, as a <see cref="Stopwatch"/> timestamp.</param>
public sealed record LoopbackRequest(string Method, PathString Path, IQueryCollection Query, string Authorization, string Body, long ArrivedAt);

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Providers.Emulator.Hosting;

namespace Providers.Emulator;

/// <summary>
/// An in-process emulator of every supported service on a free loopback port. Start one per test class (or
/// test), point clients at the base URLs, script misbehaviour with <see cref="Faults"/> and read what was sent
/// in <see cref="Requests"/>.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await ProvidersEmulator.StartAsync();
/// var chat = new Uri(emulator.SciBoxBaseUrl, "v1/chat/completions");
/// </code>
/// </example>
public sealed class ProvidersEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProvidersEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = app.Services.GetRequiredService<EmulatorOptions>();
        Requests = app.Services.GetRequiredService<EmulatorRequestLog>();
        Faults = app.Services.GetRequiredService<FaultPlan>();
    }

    /// <summary>The emulator's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The SV Ray cluster: <c>embed-text/v1/...</c>, <c>embed-image/v1/...</c>, <c>v1/chat/completions</c>, <c>v1/models</c>.</summary>
    public Uri SvRayBaseUrl => ServiceUrl(EmulatedService.SvRay);

    /// <summary>The SV inference server: <c>v1/chat/completions</c>, <c>v1/models</c>.</summary>
    public Uri SvInferenceBaseUrl => ServiceUrl(EmulatedService.SvInference);

    /// <summary>SciBox: <c>v1/models</c>, <c>v1/chat/completions</c>, <c>v1/embeddings</c> (each also without <c>v1/</c>).</summary>
    public Uri SciBoxBaseUrl => ServiceUrl(EmulatedService.SciBox);

    /// <summary>The ColQwen service: the root, <c>health</c>, <c>info</c>, <c>patches</c>, <c>embed/queries</c>, <c>embed/images</c>.</summary>
    public Uri ColQwenBaseUrl => ServiceUrl(EmulatedService.ColQwen);

    /// <summary>Spirit-GPU: handler mode <c>v1/{id}/sync|async|status</c>; proxy mode <c>v1/...</c> and <c>api/...</c>.</summary>
    public Uri SpiritBaseUrl => ServiceUrl(EmulatedService.Spirit);

    /// <summary>OVMS: <c>v3/...</c>, <c>v1/config</c>, <c>v2/health/ready</c>, <c>v2/models/{name}/ready</c>.</summary>
    public Uri OvmsBaseUrl => ServiceUrl(EmulatedService.Ovms);

    /// <summary>The requests received so far.</summary>
    public EmulatorRequestLog Requests { get; }

    /// <summary>The faults to inject into coming requests.</summary>
    public FaultPlan Faults { get; }

    /// <summary>The options the emulator runs with. Most are read per request, so a test may change them between requests.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Starts an emulator on 127.0.0.1 with a free port.</summary>
    /// <param name="options">Settings; null takes the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<ProvidersEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var app = EmulatorApp.Build(options ?? new EmulatorOptions(), [], kestrel => kestrel.Listen(IPAddress.Loopback, 0), quiet: true);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new ProvidersEmulator(app, EmulatorApp.RootUrl(app));
    }

    /// <summary>The base URL of <paramref name="service"/>, ending in '/'.</summary>
    /// <param name="service">The service.</param>
    /// <returns>E.g. <c>http://127.0.0.1:41234/scibox/</c>.</returns>
    public Uri ServiceUrl(EmulatedService service) => new(BaseAddress, ServicePath.Prefix(service) + "/");

    /// <summary>Stops the server and its background work.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

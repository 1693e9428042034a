using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Providers.Emulator.ColQwen;
using Providers.Emulator.Faults;
using Providers.Emulator.Models;
using Providers.Emulator.Ovms;
using Providers.Emulator.Recording;
using Providers.Emulator.SciBox;
using Providers.Emulator.Spirit;
using Providers.Emulator.SvInference;
using Providers.Emulator.SvRay;

namespace Providers.Emulator.Hosting;

/// <summary>Builds the emulator's web application: every service under its prefix, behind recording and faults.</summary>
internal static class EmulatorApp
{
    public static WebApplication Build(EmulatorOptions options, string[] args, Action<KestrelServerOptions>? listen, bool quiet)
    {
        var appOptions = new WebApplicationOptions { Args = args, ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name };

        // In-process (tests) the emulator starts many times a run: the empty builder skips configuration files,
        // logging and environment probing, which costs most of a start.
        var builder = quiet ? WebApplication.CreateEmptyBuilder(appOptions) : WebApplication.CreateSlimBuilder(appOptions);
        if (quiet)
        {
            builder.WebHost.UseKestrelCore();
            builder.Services.AddRoutingCore();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = RequestSizeLimits.Drained;
            listen?.Invoke(kestrel);
        });

        var services = builder.Services;

        // A flush completes only once the socket has taken every byte (the write pipe pauses at 2 bytes and resumes
        // when empty). Faults that reset a connection after a flush rely on it: with Kestrel's default 64 KiB pipe the
        // reset overtook its send loop, and the client got none of the frames or the half body it should have seen.
        services.Configure<SocketTransportOptions>(sockets => sockets.MaxWriteBufferSize = 2);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new FaultPlan(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EmulatorRequestLog>();
        services.AddSingleton<EmbeddingDimensions>();
        services.AddSingleton<IServiceModule, SvRayModule>();
        services.AddSingleton<IServiceModule, SvInferenceModule>();
        services.AddSingleton<IServiceModule, SciBoxModule>();
        services.AddSingleton<IServiceModule, ColQwenModule>();
        services.AddSingleton<IServiceModule, SpiritModule>();
        services.AddSingleton<IServiceModule, OvmsModule>();
        services.AddSingleton<ServiceModules>();
        services.AddSingleton<UnroutedRequestHandler>();
        services.AddSingleton<SvRayEmbeddings>();
        services.AddSingleton<ColQwenEmbeddings>();
        SpiritModule.AddServices(services);
        OvmsModule.AddServices(services);

        var app = builder.Build();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseMiddleware<RequestRecordingMiddleware>();
        app.UseMiddleware<AdmissionMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<RejectionMiddleware>();
        var modules = app.Services.GetRequiredService<ServiceModules>();
        foreach (var module in modules.All)
        {
            module.Map(app.MapGroup("/" + ServicePath.Prefix(module.Service)));
        }

        app.MapFallback(app.Services.GetRequiredService<UnroutedRequestHandler>().HandleAsync);
        return app;
    }

    /// <summary>The root URL a started app listens on, ending in '/'.</summary>
    public static Uri RootUrl(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
}

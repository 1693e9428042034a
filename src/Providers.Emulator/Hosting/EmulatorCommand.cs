using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Providers.Emulator.Hosting;

/// <summary>
/// The <c>providers-emulator</c> command (the .NET tool and <c>dotnet run</c>): reads the command line, refuses
/// anything but loopback, starts the emulator and prints each service's base URL with the credentials it expects.
/// </summary>
internal static class EmulatorCommand
{
    public const string Name = "providers-emulator";

    /// <summary>Runs until the host is told to stop (Ctrl+C); returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var (app, exitCode) = await StartAsync(args, output, error).ConfigureAwait(false);
        if (app is null)
        {
            return exitCode;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// Starts the emulator and prints where it listens; null with exit code 0 after <c>--help</c>, 2 for a bad
    /// command line (the reason on <paramref name="error"/>).
    /// </summary>
    public static async Task<(WebApplication? App, int ExitCode)> StartAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Any(a => a is "-h" or "--help" or "-?" or "/?"))
        {
            await output.WriteAsync(EmulatorHelp.Text).ConfigureAwait(false);
            return (null, 0);
        }

        List<(EmulatedService Service, string? Route, Action<FaultBuilder> Fault)> faults;
        string[] hostArgs;
        IReadOnlyList<string> urls;
        try
        {
            (faults, hostArgs) = DevServerArguments.Split(args);
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(hostArgs).Build();
            urls = LoopbackUrls.Validate(configuration["urls"] ?? LoopbackUrls.Default);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await error.WriteLineAsync($"{ex.Message} Run '{Name} --help' for the options.").ConfigureAwait(false);
            return (null, 2);
        }

        var options = new EmulatorOptions();
        var app = EmulatorApp.Build(options, hostArgs, listen: null, quiet: false);
        app.Configuration.GetSection("Emulator").Bind(options);
        app.Urls.Clear();
        foreach (var url in urls)
        {
            app.Urls.Add(url);
        }

        var plan = app.Services.GetRequiredService<FaultPlan>();
        foreach (var (service, route, fault) in faults)
        {
            fault(plan.For(service, route));
        }

        await app.StartAsync().ConfigureAwait(false);
        var root = EmulatorApp.RootUrl(app);
        await output.WriteLineAsync($"Providers emulator on {root} (loopback only; Ctrl+C stops it).").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        foreach (var service in ServicePath.All)
        {
            var baseUrl = new Uri(root, ServicePath.Prefix(service) + "/").ToString();
            await output.WriteLineAsync($"{service,-12} {baseUrl,-42} {Credentials(service, options)}").ConfigureAwait(false);
        }

        return (app, 0);
    }

    /// <summary>What a client must send to the service, with the keys in effect.</summary>
    private static string Credentials(EmulatedService service, EmulatorOptions options) => service switch
    {
        EmulatedService.SciBox => $"Authorization: Bearer {options.SciBoxApiKey}",
        EmulatedService.Spirit => $"handler: Authorization: Bearer {options.SpiritApiKey} (serverless id {options.SpiritServerlessId}); "
            + $"proxy: Authorization: {options.SpiritServerlessId}-{options.SpiritApiKey}",
        EmulatedService.Ovms when options.OvmsApiKey is { } key => $"Authorization: Bearer {key}",
        EmulatedService.Ovms => "no key (--Emulator:OvmsApiKey=K makes it Authorization: Bearer K)",
        _ => "no key",
    };
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Providers.VectorData.Orleans.Tests;

/// <summary>A silo in a process of its own (the silo host executable), on loopback ports.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output.TakeLast(40));
            }
        }
    }

    public static SiloProcess Start(string connectionString, string clusterId)
    {
        int siloPort = FreePort();
        int gatewayPort = FreePort();
        string host = Path.Combine(AppContext.BaseDirectory, "Providers.VectorData.Orleans.SiloHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in (string[])
        [
            host,
            "--ConnectionStrings:Store", connectionString,
            "--Silo:Port", $"{siloPort}",
            "--Silo:GatewayPort", $"{gatewayPort}",
            "--Orleans:ClusterId", clusterId,
            // Declare a killed silo dead within seconds rather than the production default of about a minute.
            "--Orleans:Membership:ProbeTimeout", "00:00:02",
            "--Orleans:Membership:NumMissedProbesLimit", "3",
            "--Orleans:Membership:NumVotesForDeathDeclaration", "2",
            "--Logging:LogLevel:Default", "Warning",
        ])
        {
            start.ArgumentList.Add(argument);
        }

        var silo = new SiloProcess(Process.Start(start)!, siloPort);
        silo._process.OutputDataReceived += (_, line) => silo.Record(line.Data);
        silo._process.ErrorDataReceived += (_, line) => silo.Record(line.Data);
        silo._process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException($"Silo on port {siloPort} exited:\n{silo.Output}"));
        silo._process.EnableRaisingEvents = true;
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    public Task WaitUntilReadyAsync() => _ready.Task.WaitAsync(TimeSpan.FromSeconds(120));

    /// <summary>Kills the process with SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.StartsWith("silo-ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

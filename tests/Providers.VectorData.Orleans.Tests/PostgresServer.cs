using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Providers.VectorData.Orleans.Tests;

/// <summary>
/// A throwaway PostgreSQL server started from the installed binaries: <c>initdb</c> into a temporary folder, then
/// <c>pg_ctl start</c> on a free loopback port; stopped and deleted on dispose. As root it runs as the
/// <c>postgres</c> user, since the server refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string InstallCommand = "apt-get update && apt-get install -y postgresql";

    private readonly string _dataDirectory;

    private PostgresServer(string dataDirectory, int port)
    {
        _dataDirectory = dataDirectory;
        Port = port;
    }

    /// <summary>Gets the folder holding <c>initdb</c> and <c>pg_ctl</c>, the newest installed version first; null when none is.</summary>
    public static string? BinDirectory { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault()
        : null;

    /// <summary>Gets why tests that need the server cannot run here, or null when they can.</summary>
    public static string? SkipReason => BinDirectory is null
        ? $"PostgreSQL binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql; install them with: {InstallCommand}"
        : null;

    public int Port { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        string bin = BinDirectory ?? throw new InvalidOperationException(SkipReason);
        string directory = Path.Combine(Path.GetTempPath(), $"pvli-pg-{Guid.NewGuid():N}");
        int port = FreeLoopbackPort();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", directory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
        var server = new PostgresServer(directory, port);
        await RunAsync(Path.Combine(bin, "pg_ctl"),
        [
            "-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -h 127.0.0.1 -k {directory} -c fsync=off -c max_connections=200", "start",
        ]);
        return server;
    }

    public string ConnectionString(string database)
        => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Command Timeout=60";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(BinDirectory!, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (string argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, with the install command, where the binaries are absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}

/// <summary>A theory that needs PostgreSQL.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}

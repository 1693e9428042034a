using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Providers.Samples.Tests;

/// <summary>
/// The notebooks of <c>samples/notebooks</c>: .NET 10 file-based apps. Each is built once per test run, in the
/// test's configuration, a few at a time, with <c>dotnet build file.cs</c> (this project has already built the
/// projects their <c>#:project</c> lines name, so those are up to date), and then run as a process against the emulator.
/// </summary>
internal static class Notebooks
{
    /// <summary>The variables that select a real service, or change what a notebook does; a run sees none of them.</summary>
    private static readonly string[] ServiceVariables =
    [
        SampleServices.SvRayUrl, SampleServices.SvInferenceUrl, SampleServices.SciBoxUrl, SampleServices.SciBoxApiKey,
        SampleServices.ColQwenUrl, SampleServices.SpiritApiKey, SampleServices.SpiritServerlessId, SampleServices.SpiritUrl,
        SampleServices.OvmsUrl, SampleServices.OvmsApiKey, "SPIRIT_WEBHOOK_URL", "SPIRIT_WEBHOOK_PORT", "SPIRIT_MODEL",
        "COLQWEN_ONNX_MODEL_DIR",
    ];

    // Generous bounds that only stop a hung process: a build on a busy 2-core machine takes about 10-30 s, a run a few.
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);
    private static readonly SemaphoreSlim Builders = new(Math.Clamp(Environment.ProcessorCount, 1, 4));
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Builds = new(StringComparer.Ordinal);

    /// <summary>Gets the folder of the notebooks.</summary>
    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "samples", "notebooks");

    /// <summary>Gets the name of every notebook (its file name without <c>.cs</c>), in order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.cs").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    /// <summary>Builds the notebook (once per run) and runs it offline: every service variable unset, so the emulator answers.</summary>
    /// <returns>What it printed; the test fails with the output when it exits with anything but 0.</returns>
    public static Task<string> RunAsync(string name) => RunAsync(name, new Dictionary<string, string>());

    /// <summary>Builds the notebook (once per run) and runs it with <paramref name="environment"/> set and every other service variable unset.</summary>
    public static async Task<string> RunAsync(string name, IReadOnlyDictionary<string, string> environment)
    {
        string assembly = await BuildAsync(Path.Combine(Directory, name + ".cs"));
        var (exitCode, output) = await RunProcessAsync(assembly, environment);
        Assert.True(exitCode == 0, $"The notebook {name} exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>Builds a file-based app once per run and returns its assembly's path.</summary>
    /// <exception cref="NotebookBuildException">It did not compile; the message holds the compiler's errors.</exception>
    public static Task<string> BuildAsync(string file) =>
        Builds.GetOrAdd(Path.GetFullPath(file), path => new Lazy<Task<string>>(() => BuildOnceAsync(path))).Value;

    private static async Task<string> BuildOnceAsync(string file)
    {
        // The SDK's own output folder for the file (under ~/.local/share/dotnet/runfile/), as `dotnet run file.cs`
        // uses: -o or --artifacts-path would apply to every referenced project too, and rebuild each of them there.
        string name = Path.GetFileNameWithoutExtension(file);
        await Builders.WaitAsync();
        try
        {
            var (exitCode, log) = await RunDotnetAsync(["build", file, "-c", Configuration, "-nologo"], new Dictionary<string, string>(), BuildLimit);
            var built = Regex.Match(log, $@"^\s*{Regex.Escape(name)}\.cs -> (?<path>.+\.dll)\s*$", RegexOptions.Multiline);
            return exitCode == 0 && built.Success ? built.Groups["path"].Value : throw new NotebookBuildException(file, log);
        }
        finally
        {
            Builders.Release();
        }
    }

    private static Task<(int ExitCode, string Output)> RunProcessAsync(string assembly, IReadOnlyDictionary<string, string> environment) =>
        RunDotnetAsync([assembly], environment, RunLimit);

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeLimit)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in ServiceVariables)
        {
            start.Environment.Remove(variable);
        }

        // The assertions read numbers as "0.123": the invariant culture, whatever this machine's locale.
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringWriter();
        var reading = Task.WhenAll(CopyAsync(process.StandardOutput, output), CopyAsync(process.StandardError, output));
        using var limit = new CancellationTokenSource(timeLimit, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            await reading;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{output}\n(stopped after {timeLimit.TotalMinutes} minutes)");
        }

        return (process.ExitCode, output.ToString());
    }

    private static async Task CopyAsync(StreamReader reader, StringWriter output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.WriteLine(line);
            }
        }
    }

    private static string Configuration =>
        typeof(Notebooks).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Providers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Providers.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A notebook did not compile: the message names it and gives the compiler's errors, then the build's output.</summary>
public sealed class NotebookBuildException(string file, string log) : Exception(
    $"{Path.GetFileName(file)} does not build:\n" +
    string.Join("\n", log.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct()) +
    $"\n\nThe build's output:\n{log}");

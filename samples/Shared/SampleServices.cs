using Providers.Emulator;

namespace Providers.Samples;

/// <summary>Where a sample finds one service: its base URL and, where the service needs them, its credentials.</summary>
/// <param name="Endpoint">The service's base URL.</param>
/// <param name="ApiKey">The API key or token, or null when the service takes none.</param>
/// <param name="ServerlessId">The Spirit-GPU serverless id; null for other services.</param>
/// <param name="IsEmulated">Whether this is the in-process emulator rather than the real service.</param>
public sealed record ServiceConnection(Uri Endpoint, string? ApiKey = null, string? ServerlessId = null, bool IsEmulated = false);

/// <summary>
/// Finds each service a sample talks to: the real one when its environment variable is set, otherwise the
/// in-process emulator, started on first need and shared by all services of the run. Each lookup prints which
/// one it chose, so a run's output always says what answered.
/// </summary>
public sealed class SampleServices(TextWriter output, Func<string, string?>? environment = null) : IAsyncDisposable
{
    /// <summary>Environment variable naming the SV Ray cluster's base URL, e.g. <c>http://10.0.10.51:8123</c>.</summary>
    public const string SvRayUrl = "SV_RAY_URL";

    /// <summary>Environment variable naming the SV inference server's base URL, e.g. <c>http://10.0.10.66:8123</c>.</summary>
    public const string SvInferenceUrl = "SV_INFERENCE_URL";

    /// <summary>Environment variable naming SciBox's base URL, e.g. <c>https://llm.t1v.scibox.tech</c>.</summary>
    public const string SciBoxUrl = "SCIBOX_URL";

    /// <summary>Environment variable holding the SciBox token.</summary>
    public const string SciBoxApiKey = "SCIBOX_API_KEY";

    /// <summary>Environment variable naming the ColQwen service's base URL, e.g. <c>http://localhost:7000</c>.</summary>
    public const string ColQwenUrl = "COLQWEN_URL";

    /// <summary>Environment variable holding the Spirit-GPU API key; setting it selects the real service.</summary>
    public const string SpiritApiKey = "SPIRIT_API_KEY";

    /// <summary>Environment variable holding the Spirit-GPU serverless id.</summary>
    public const string SpiritServerlessId = "SPIRIT_SERVERLESS_ID";

    /// <summary>Environment variable overriding Spirit-GPU's base URL (default <c>https://api-serverless.datastone.cn</c>).</summary>
    public const string SpiritUrl = "SPIRIT_URL";

    /// <summary>Environment variable naming the OpenVINO Model Server's base URL, e.g. <c>http://localhost:8000</c>.</summary>
    public const string OvmsUrl = "OVMS_URL";

    /// <summary>Environment variable holding the OVMS API key, when the server was started with one.</summary>
    public const string OvmsApiKey = "OVMS_API_KEY";

    private static readonly Uri SpiritDefaultUrl = new("https://api-serverless.datastone.cn/");

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;
    private readonly SemaphoreSlim _emulatorLock = new(1, 1);
    private ProvidersEmulator? _emulator;

    /// <summary>Gets the emulator, once a lookup has started it; null while every service is real.</summary>
    public ProvidersEmulator? Emulator => _emulator;

    /// <summary>Reads an environment variable (or the test's stand-in for the environment).</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Its value, or null when unset or blank.</returns>
    public string? GetVariable(string name) => _environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Finds the SV Ray cluster.</summary>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The connection.</returns>
    public Task<ServiceConnection> SvRayAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync("SV Ray cluster", SvRayUrl, null, e => new(e.SvRayBaseUrl, IsEmulated: true), cancellationToken);

    /// <summary>Finds the SV inference server.</summary>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The connection.</returns>
    public Task<ServiceConnection> SvInferenceAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync("SV inference server", SvInferenceUrl, null, e => new(e.SvInferenceBaseUrl, IsEmulated: true), cancellationToken);

    /// <summary>Finds SciBox.</summary>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The connection, with the token.</returns>
    public Task<ServiceConnection> SciBoxAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync(
            "SciBox", SciBoxUrl, url => new(url, Require(SciBoxApiKey, SciBoxUrl)),
            e => new(e.SciBoxBaseUrl, e.Options.SciBoxApiKey, IsEmulated: true), cancellationToken);

    /// <summary>Finds the ColQwen service.</summary>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The connection.</returns>
    public Task<ServiceConnection> ColQwenAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync("ColQwen", ColQwenUrl, null, e => new(e.ColQwenBaseUrl, IsEmulated: true), cancellationToken);

    /// <summary>Finds Spirit-GPU; the real service is chosen by its API key, as its URL has a default.</summary>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The connection, with the API key and serverless id.</returns>
    public async Task<ServiceConnection> SpiritAsync(CancellationToken cancellationToken = default)
    {
        if (GetVariable(SpiritApiKey) is { } apiKey)
        {
            var url = GetVariable(SpiritUrl) is { } configured ? new Uri(configured) : SpiritDefaultUrl;
            output.WriteLine($"Spirit-GPU: {url} (from {SpiritApiKey})");
            return new(url, apiKey, Require(SpiritServerlessId, SpiritApiKey));
        }

        var emulator = await GetEmulatorAsync(cancellationToken).ConfigureAwait(false);
        output.WriteLine($"Spirit-GPU: emulator at {emulator.SpiritBaseUrl} (set {SpiritApiKey} and {SpiritServerlessId} for the real service)");
        return new(emulator.SpiritBaseUrl, emulator.Options.SpiritApiKey, emulator.Options.SpiritServerlessId, IsEmulated: true);
    }

    /// <summary>Finds the OpenVINO Model Server.</summary>
    /// <param name="cancellationToken">Cancels starting the emulator.</param>
    /// <returns>The connection, with the API key when one is configured.</returns>
    public Task<ServiceConnection> OvmsAsync(CancellationToken cancellationToken = default) =>
        ResolveAsync(
            "OpenVINO Model Server", OvmsUrl, url => new(url, GetVariable(OvmsApiKey)),
            e => new(e.OvmsBaseUrl, e.Options.OvmsApiKey, IsEmulated: true), cancellationToken);

    /// <summary>Stops the emulator, if one was started.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
            _emulator = null;
        }

        _emulatorLock.Dispose();
    }

    private async Task<ServiceConnection> ResolveAsync(
        string service, string urlVariable, Func<Uri, ServiceConnection>? real, Func<ProvidersEmulator, ServiceConnection> emulated,
        CancellationToken cancellationToken)
    {
        if (GetVariable(urlVariable) is { } configured)
        {
            var url = new Uri(configured);
            output.WriteLine($"{service}: {url} (from {urlVariable})");
            return real?.Invoke(url) ?? new ServiceConnection(url);
        }

        var connection = emulated(await GetEmulatorAsync(cancellationToken).ConfigureAwait(false));
        output.WriteLine($"{service}: emulator at {connection.Endpoint} (set {urlVariable} for the real service)");
        return connection;
    }

    private string Require(string variable, string selectedBy) =>
        GetVariable(variable) ?? throw new InvalidOperationException($"{selectedBy} is set, so {variable} must be set too.");

    private async Task<ProvidersEmulator> GetEmulatorAsync(CancellationToken cancellationToken)
    {
        await _emulatorLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _emulator ??= await ProvidersEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _emulatorLock.Release();
        }
    }
}

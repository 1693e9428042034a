using System.Net;
using Providers.Core;

namespace Providers.Ovms;

/// <summary>
/// Asks OVMS whether it and its models are ready (<c>GET /v2/health/ready</c>, <c>/v2/models/{name}/ready</c>,
/// <c>/v1/config</c>) and waits until they are: a server that has just started loads its models for a while and
/// answers 503 meanwhile.
/// </summary>
public sealed class OvmsReadinessClient : IDisposable
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    private readonly ServiceHttpClient _service;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsReadinessClient(HttpClient httpClient, OvmsOptions options)
    {
        _service = OvmsService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)));
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsReadinessClient(OvmsOptions options)
    {
        _service = OvmsService.Create(options, httpClient: null);
    }

    /// <summary>Asks whether the server is ready to serve (<c>GET /v2/health/ready</c>: 200 ready, 503 not yet).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ProviderException">The server could not be reached or answered another error.</exception>
    public Task<bool> IsServerReadyAsync(CancellationToken cancellationToken = default) =>
        ProbeAsync("v2/health/ready", cancellationToken);

    /// <summary>Asks whether a model is ready to serve (<c>GET /v2/models/{name}/ready</c>: 200 ready, 503 not yet).</summary>
    /// <param name="modelName">The model name, e.g. <c>Alibaba-NLP/gte-large-en-v1.5</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ProviderException">The server does not know the model (404), could not be reached, or failed.</exception>
    public Task<bool> IsModelReadyAsync(string modelName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);

        // Graph names hold '/' (organisation/model); OVMS matches them as path segments, so only the rest is escaped.
        string path = Uri.EscapeDataString(modelName).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return ProbeAsync($"v2/models/{path}/ready", cancellationToken);
    }

    /// <summary>Reads the state of every served model (<c>GET /v1/config</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The models by name.</returns>
    /// <exception cref="ProviderException">The server could not be reached, failed, or answered something unreadable.</exception>
    public Task<IReadOnlyDictionary<string, OvmsModelStatus>> GetModelStatusesAsync(CancellationToken cancellationToken = default) =>
        OvmsService.GuardAsync(async () =>
        {
            var config = await _service.GetJsonAsync("v1/config", OvmsJsonContext.Default.DictionaryStringConfigModelBody, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, OvmsModelStatus>)config.ToDictionary(
                entry => entry.Key,
                entry => new OvmsModelStatus(entry.Key, [.. (entry.Value.Versions ?? []).Select(ToVersionStatus)]),
                StringComparer.Ordinal);
        });

    /// <summary>
    /// Waits until the server (no <paramref name="modelNames"/>) or each named model is ready, polling. Failures to
    /// connect and 503s count as "not yet"; a model OVMS does not serve or that failed to load ends the wait with an error.
    /// </summary>
    /// <param name="modelNames">The models to wait for, or <see langword="null"/> to wait for the server.</param>
    /// <param name="pollInterval">How long to wait between checks; 1 s when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Ends the wait (give it a timeout: a model that never loads would keep it going).</param>
    /// <exception cref="OperationCanceledException">The wait was cancelled.</exception>
    /// <exception cref="ProviderException">A model is unknown or failed to load, or the server answered an error that waiting cannot cure.</exception>
    public async Task WaitUntilReadyAsync(IEnumerable<string>? modelNames = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var names = modelNames?.ToList() ?? [];
        var interval = pollInterval ?? DefaultPollInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(pollInterval));
        while (true)
        {
            try
            {
                if (names.Count == 0 ? await IsServerReadyAsync(cancellationToken).ConfigureAwait(false) : await AreAvailableAsync(names, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (ProviderException e) when (e.IsRetryable && !cancellationToken.IsCancellationRequested)
            {
                // Not up yet (connection refused, 503 while loading): ask again.
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _service.Dispose();

    private async Task<bool> AreAvailableAsync(List<string> names, CancellationToken cancellationToken)
    {
        var statuses = await GetModelStatusesAsync(cancellationToken).ConfigureAwait(false);
        foreach (string name in names)
        {
            if (!statuses.TryGetValue(name, out var status))
            {
                throw new ProviderException(OvmsService.Name,
                    $"OVMS serves no model '{name}'; it serves: {string.Join(", ", statuses.Keys.Order(StringComparer.Ordinal))}.")
                {
                    StatusCode = HttpStatusCode.NotFound,
                };
            }

            if (status.HasFailed)
            {
                var failure = status.Versions[0];
                throw new ProviderException(OvmsService.Name,
                    $"OVMS failed to load model '{name}': {failure.ErrorCode} {failure.ErrorMessage}");
            }

            if (!status.IsAvailable)
            {
                return false;
            }
        }

        return true;
    }

    private Task<bool> ProbeAsync(string path, CancellationToken cancellationToken) => OvmsService.GuardAsync(async () =>
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _service.Resolve(path));
            using var response = await _service.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ProviderException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return false;
        }
    });

    private static OvmsModelVersionStatus ToVersionStatus(VersionStatusBody version) => new(
        version.Version.ToString(),
        version.State?.ToUpperInvariant() switch
        {
            "START" => OvmsModelState.Start,
            "LOADING" => OvmsModelState.Loading,
            "AVAILABLE" => OvmsModelState.Available,
            "UNLOADING" => OvmsModelState.Unloading,
            "END" => OvmsModelState.End,
            _ => OvmsModelState.Unknown,
        },
        version.Status?.ErrorCode,
        version.Status?.ErrorMessage);
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// A client for a Spirit-GPU serverless endpoint in handler mode (<c>/v1/{id}/...</c>, <c>Authorization: Bearer</c>):
/// run a request synchronously, or submit it as a job and poll, wait for, or cancel it.
/// </summary>
/// <remarks>
/// Errors are <see cref="SpiritException"/>s whose <see cref="SpiritException.Kind"/> names the service's documented
/// error; 408, 503 and the service's own 500s are marked retryable. With a <see cref="SpiritWebhookRegistry"/> fed by
/// the app's webhook endpoint, waiting for a job that reports through that webhook needs no polling but a slow
/// safety net.
/// </remarks>
public sealed class SpiritJobClient : IDisposable
{
    /// <summary>The service's name in errors and telemetry.</summary>
    public const string ServiceName = "Spirit-GPU";

    private readonly ServiceHttpClient _http;
    private readonly SpiritWebhookRegistry? _webhooks;
    private readonly SpiritJobPolling _polling;
    private readonly Uri? _defaultWebhook;
    private readonly TimeSpan? _defaultTimeToLive;
    private readonly string _syncPath;
    private readonly string _asyncPath;
    private readonly string _statusPath;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and leaves it undisposed.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="webhooks">The registry the app's webhook endpoint feeds, or <see langword="null"/> to always poll.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritJobClient(HttpClient httpClient, SpiritJobClientOptions options, SpiritWebhookRegistry? webhooks = null)
        : this(options, webhooks, httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="webhooks">The registry the app's webhook endpoint feeds, or <see langword="null"/> to always poll.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritJobClient(SpiritJobClientOptions options, SpiritWebhookRegistry? webhooks = null)
        : this(options, webhooks, httpClient: null)
    {
    }

    private SpiritJobClient(SpiritJobClientOptions options, SpiritWebhookRegistry? webhooks, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = options.CreateServiceClient(ServiceName, httpClient, () => ServiceAuthentication.Bearer(options.ApiKey));
        _webhooks = webhooks;
        _polling = new SpiritJobPolling(this, options.PollInterval, options.MaxPollInterval, options.TimeProvider);
        _defaultWebhook = options.WebhookUrl;
        _defaultTimeToLive = options.DefaultTimeToLive;
        string root = $"v1/{Uri.EscapeDataString(options.ServerlessId!)}/";
        _syncPath = root + "sync";
        _asyncPath = root + "async";
        _statusPath = root + "status";
    }

    /// <summary>Gets the service's base URL.</summary>
    public Uri Endpoint => _http.BaseAddress;

    internal ServiceHttpClient Http => _http;

    internal SpiritWebhookRegistry? Webhooks => _webhooks;

    /// <summary>
    /// Runs the handler on <paramref name="input"/> and returns its output (<c>POST /v1/{id}/sync</c>). The service waits
    /// up to 3 minutes for a worker; longer work belongs in <see cref="SubmitAsync{TInput}"/>.
    /// </summary>
    /// <typeparam name="TInput">The type of the handler's <c>input</c>.</typeparam>
    /// <param name="input">The handler's <c>input</c>.</param>
    /// <param name="inputType">Source-generated type information for <typeparamref name="TInput"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The handler's output: JSON, or raw bytes.</returns>
    /// <exception cref="SpiritException">The service refused the request (400), timed out (408), had no GPU (503), or the handler failed (500).</exception>
    /// <exception cref="InvalidResponseException">The service answered with an HTML page or malformed JSON.</exception>
    public async Task<SpiritResult> RunSyncAsync<TInput>(TInput input, JsonTypeInfo<TInput> inputType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputType);
        using var request = new HttpRequestMessage(HttpMethod.Post, _http.Resolve(_syncPath))
        {
            Content = SpiritRequestBody.Create(input, inputType, webhook: null, timeToLive: null),
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await SpiritSyncOutput.ReadAsync(_http, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the handler on a JSON <paramref name="input"/>; see <see cref="RunSyncAsync{TInput}"/>.</summary>
    /// <param name="input">The handler's <c>input</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The handler's output: JSON, or raw bytes.</returns>
    public Task<SpiritResult> RunSyncAsync(JsonElement input, CancellationToken cancellationToken = default) =>
        RunSyncAsync(input, SpiritJsonContext.Default.JsonElement, cancellationToken);

    /// <summary>
    /// Queues the handler's work on <paramref name="input"/> as a job (<c>POST /v1/{id}/async</c>). The result goes to
    /// the webhook, and stays in the job's status for 30 minutes when it is 2 MB or less.
    /// </summary>
    /// <typeparam name="TInput">The type of the handler's <c>input</c>.</typeparam>
    /// <param name="input">The handler's <c>input</c>.</param>
    /// <param name="inputType">Source-generated type information for <typeparamref name="TInput"/>.</param>
    /// <param name="options">The webhook and time-to-live of this job; the client's defaults where <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A handle on the job.</returns>
    /// <exception cref="ArgumentException">The webhook is not an absolute http(s) URL, or the time-to-live is not under 24 hours.</exception>
    /// <exception cref="SpiritException">The service refused the job, for example 400 "webhook is empty for async request".</exception>
    public async Task<SpiritJob> SubmitAsync<TInput>(
        TInput input, JsonTypeInfo<TInput> inputType, SpiritSubmitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputType);
        var webhook = options?.Webhook ?? _defaultWebhook;
        if (webhook is not null && !SpiritJobClientOptions.IsHttpUrl(webhook))
        {
            throw new ArgumentException($"The webhook must be an absolute http or https URL; got '{webhook}'.", nameof(options));
        }

        var timeToLive = options?.TimeToLive ?? _defaultTimeToLive;
        if (timeToLive is { } ttl && !SpiritJobClientOptions.IsValidTimeToLive(ttl))
        {
            throw new ArgumentOutOfRangeException(nameof(options), ttl, "The time-to-live of a Spirit-GPU job must be at least 1 ms and under 24 hours.");
        }

        // The registry's endpoint takes one delivery per URL it issued, for the job the URL is bound to below; a failed
        // submission withdraws the URL. The handle keeps the app's URL, without the one-use parameters.
        using var ticket = webhook is not null && _webhooks is not null ? _webhooks.Issue(webhook, timeToLive) : null;
        using var request = new HttpRequestMessage(HttpMethod.Post, _http.Resolve(_asyncPath))
        {
            Content = SpiritRequestBody.Create(input, inputType, ticket?.Url ?? webhook, timeToLive),
        };
        var accepted = await SendForJsonAsync(request, SpiritJsonContext.Default.SpiritSubmitResponse, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(accepted.Id))
        {
            throw new InvalidResponseException(ServiceName, "Spirit-GPU accepted the job but sent no request id for it.");
        }

        ticket?.Bind(accepted.Id);
        return new SpiritJob(this, accepted.Id, accepted.Sequence, webhook);
    }

    /// <summary>Queues the handler's work on a JSON <paramref name="input"/>; see <see cref="SubmitAsync{TInput}"/>.</summary>
    /// <param name="input">The handler's <c>input</c>.</param>
    /// <param name="options">The webhook and time-to-live of this job; the client's defaults where <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A handle on the job.</returns>
    public Task<SpiritJob> SubmitAsync(JsonElement input, SpiritSubmitOptions? options = null, CancellationToken cancellationToken = default) =>
        SubmitAsync(input, SpiritJsonContext.Default.JsonElement, options, cancellationToken);

    /// <summary>Rebuilds the handle on a job submitted earlier, for example by another process.</summary>
    /// <param name="requestId">The job's request id.</param>
    /// <param name="sequence">The job's sequence number, needed only to cancel it.</param>
    /// <param name="webhook">The webhook the job was submitted with, so that waiting listens for it.</param>
    /// <returns>The handle.</returns>
    public SpiritJob GetJob(string requestId, string? sequence = null, Uri? webhook = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return new SpiritJob(this, requestId, sequence, webhook);
    }

    /// <summary>Gets how many jobs wait in the endpoint's queue (<c>GET /v1/{id}/status</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The number of queued jobs.</returns>
    public async Task<int> GetQueueLengthAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _http.Resolve(_statusPath));
        var queue = await SendForJsonAsync(request, SpiritJsonContext.Default.SpiritQueueResponse, cancellationToken).ConfigureAwait(false);
        return queue.QueueingCount is { } count and >= 0
            ? count
            : throw new InvalidResponseException(ServiceName, "Spirit-GPU's endpoint status carries no valid queueingCount.");
    }

    /// <summary>Gets one job's status (<c>GET /v1/{id}/status?requestID=R</c>).</summary>
    /// <param name="requestId">The job's request id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status; <see cref="SpiritJobState.Expired"/> once the service has forgotten the job.</returns>
    public async Task<SpiritJobStatus> GetStatusAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        using var request = new HttpRequestMessage(HttpMethod.Get, _http.Resolve($"{_statusPath}?requestID={Uri.EscapeDataString(requestId)}"));
        try
        {
            var status = await SendForJsonAsync(request, SpiritJsonContext.Default.SpiritStatusResponse, cancellationToken).ConfigureAwait(false);
            return ToStatus(status, requestId);
        }
        catch (SpiritException e) when (e.Kind == SpiritErrorKind.NotFound)
        {
            // wire-formats.md §5: "404 means the status expired (kept 30 min)"; the service may say so with the HTTP status.
            return new SpiritJobStatus(requestId, 404, status: null, e.Message, result: null);
        }
    }

    /// <summary>Gets the status of several jobs in one request (<c>POST /v1/{id}/status</c>).</summary>
    /// <param name="requestIds">The jobs' request ids.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One status per request id, in the order asked.</returns>
    /// <exception cref="ArgumentException">A request id is empty; the message names its position.</exception>
    /// <exception cref="InvalidResponseException">The service left out a job's status; the message names the job.</exception>
    public async Task<IReadOnlyList<SpiritJobStatus>> GetStatusesAsync(IEnumerable<string> requestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        var ids = requestIds.ToList();
        for (int i = 0; i < ids.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i]))
            {
                throw new ArgumentException($"Request id {i} of {ids.Count} is empty.", nameof(requestIds));
            }
        }

        if (ids.Count == 0)
        {
            return [];
        }

        using var request = _http.CreateJsonRequest(HttpMethod.Post, _statusPath, new SpiritBatchStatusRequest { RequestIds = ids },
            SpiritJsonContext.Default.SpiritBatchStatusRequest);
        var batch = await SendForJsonAsync(request, SpiritJsonContext.Default.SpiritBatchStatusResponse, cancellationToken).ConfigureAwait(false);
        return MatchStatuses(ids, batch.Statuses ?? []);
    }

    /// <summary>
    /// Waits until the job ends and returns its result. Polls the job's status, first after
    /// <see cref="SpiritJobClientOptions.PollInterval"/> and then twice as long each time up to
    /// <see cref="SpiritJobClientOptions.MaxPollInterval"/>; a job with a webhook this client's registry hears is polled
    /// only at the slow pace, in case its webhook never arrives. A transient failure of a poll is tolerated twice in a row.
    /// </summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops waiting; the job itself goes on.</param>
    /// <returns>The handler's output.</returns>
    /// <exception cref="SpiritException">
    /// The job failed (<see cref="SpiritErrorKind.HandlerFailed"/>), outlived its time-to-live
    /// (<see cref="SpiritErrorKind.RequestTimeout"/>, retryable by submitting again), was forgotten
    /// (<see cref="SpiritErrorKind.StatusExpired"/>), or succeeded with a result only its webhook can carry
    /// (<see cref="SpiritErrorKind.ResultNotInStatus"/>).
    /// </exception>
    public Task<SpiritResult> WaitForResultAsync(SpiritJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _polling.WaitAsync(job, cancellationToken);
    }

    /// <summary>Cancels one job (<c>DELETE /v1/{id}/async?requestID=R&amp;sequence=S</c>).</summary>
    /// <param name="requestId">The job's request id.</param>
    /// <param name="sequence">The job's sequence number, from its submission.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes once the service has accepted the cancellation.</returns>
    public async Task CancelAsync(string requestId, string sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sequence);
        using var request = new HttpRequestMessage(HttpMethod.Delete,
            _http.Resolve($"{_asyncPath}?requestID={Uri.EscapeDataString(requestId)}&sequence={Uri.EscapeDataString(sequence)}"));
        await SendForJsonAsync(request, SpiritJsonContext.Default.SpiritCancelResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels every job still queued at the endpoint (<c>DELETE /v1/{id}/async</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The request ids of the cancelled jobs.</returns>
    public async Task<IReadOnlyList<string>> CancelAllAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, _http.Resolve(_asyncPath));
        var cancelled = await SendForJsonAsync(request, SpiritJsonContext.Default.SpiritCancelResponse, cancellationToken).ConfigureAwait(false);
        return cancelled.Cleaned ?? [];
    }

    /// <summary>Disposes the HTTP client if this instance created it.</summary>
    public void Dispose() => _http.Dispose();

    private IReadOnlyList<SpiritJobStatus> MatchStatuses(List<string> ids, List<SpiritStatusResponse?> statuses)
    {
        var byId = new Dictionary<string, SpiritStatusResponse>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            if (status?.RequestId is { } id)
            {
                byId[id] = status;
            }
        }

        // Statuses are matched by requestID; a service that leaves the ids out is matched by position, if it sent one per id.
        bool positional = byId.Count == 0 && statuses.Count == ids.Count;
        var result = new SpiritJobStatus[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            var status = byId.GetValueOrDefault(ids[i]) ?? (positional ? statuses[i] : null);
            result[i] = status is null
                ? throw new InvalidResponseException(ServiceName, $"Spirit-GPU sent no status for job {ids[i]} (item {i} of {ids.Count} asked).")
                : ToStatus(status, ids[i]);
        }

        return result;
    }

    private SpiritJobStatus ToStatus(SpiritStatusResponse status, string requestId)
    {
        if (status.RequestId is { } id && !string.Equals(id, requestId, StringComparison.Ordinal))
        {
            throw new InvalidResponseException(ServiceName, $"Spirit-GPU answered the status of job {requestId} with that of job {id}.");
        }

        var result = status.Result is null ? null : new SpiritResult(status.Result);

        // A status without a code is read as 200, so that its status word and result decide. The handler's message
        // may echo its input, credentials included: redact before the caller can log it.
        string? message = status.Message is null ? null : _http.Authentication.Redact(status.Message);
        return new SpiritJobStatus(requestId, status.StatusCode ?? 200, status.Status, message, result);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException e) when (IsErrorStatus(e))
        {
            throw SpiritErrors.FromResponse(e);
        }
    }

    private async Task<TResponse> SendForJsonAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendForJsonAsync(request, responseType, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException e) when (IsErrorStatus(e))
        {
            throw SpiritErrors.FromResponse(e);
        }
    }

    // Only the plain errors ServiceHttpClient raises for an error status; invalid answers and broken connections keep their type.
    private static bool IsErrorStatus(ProviderException error) =>
        error.GetType() == typeof(ProviderException) && error.StatusCode is { } status && (int)status >= 400;
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Providers.Core;

/// <summary>
/// Sends requests to one model service: resolves paths against its base URL, adds credentials, applies the timeout,
/// and turns every failure into a <see cref="ProviderException"/> that names the service.
/// </summary>
/// <remarks>Provider classes hold one of these; it disposes the <see cref="HttpClient"/> only when told it owns it.</remarks>
public sealed class ServiceHttpClient : IDisposable
{
    private const int MaxErrorBodyChars = 64 * 1024;
    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-litellm-call-id", "request-id", "x-correlation-id"];

    private readonly HttpClient _httpClient;
    private readonly TimeSpan _timeout;
    private readonly bool _disposeHttpClient;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service's name, used in errors and telemetry.</param>
    /// <param name="httpClient">The HTTP client to send with (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="baseAddress">The service's base URL, ending with '/'.</param>
    /// <param name="authentication">How to authenticate.</param>
    /// <param name="timeout">How long one request may take; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="disposeHttpClient">Whether <see cref="Dispose"/> disposes <paramref name="httpClient"/> (when this client created it).</param>
    public ServiceHttpClient(string serviceName, HttpClient httpClient, Uri baseAddress, ServiceAuthentication authentication, TimeSpan timeout, bool disposeHttpClient = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(authentication);
        if (!baseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException($"The base address of {serviceName} must be absolute; got '{baseAddress}'.", nameof(baseAddress));
        }

        ServiceName = serviceName;
        _httpClient = httpClient;
        BaseAddress = baseAddress;
        Authentication = authentication;
        _timeout = timeout;
        _disposeHttpClient = disposeHttpClient;
    }

    /// <summary>Gets the service's name.</summary>
    public string ServiceName { get; }

    /// <summary>Gets the service's base URL.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the HTTP client it sends with, for requests that must share its handler (SV Ray's image downloads).</summary>
    public HttpClient HttpClient => _httpClient;

    /// <summary>Gets how requests authenticate.</summary>
    public ServiceAuthentication Authentication { get; }

    /// <summary>
    /// Gets how long reading a successful answer's body may wait for its next bytes (see
    /// <see cref="ServiceClientOptions.IdleTimeout"/>); <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = ServiceClientOptions.DefaultIdleTimeout;

    /// <summary>Gets the clock that times <see cref="IdleTimeout"/>; tests replace it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Disposes the <see cref="HttpClient"/> if this instance owns it.</summary>
    public void Dispose()
    {
        if (_disposeHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>Resolves a path relative to <see cref="BaseAddress"/>.</summary>
    /// <param name="relativePath">A path such as <c>v1/embeddings</c>.</param>
    public Uri Resolve(string relativePath) => new(BaseAddress, relativePath);

    /// <summary>Posts a JSON body and reads a JSON answer.</summary>
    /// <typeparam name="TRequest">The request body type.</typeparam>
    /// <typeparam name="TResponse">The response body type.</typeparam>
    /// <param name="relativePath">The path under the base URL.</param>
    /// <param name="body">The request body.</param>
    /// <param name="requestType">Source-generated type information for the request.</param>
    /// <param name="responseType">Source-generated type information for the response.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TResponse> PostJsonAsync<TRequest, TResponse>(
        string relativePath, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken = default)
    {
        using var request = CreateJsonRequest(HttpMethod.Post, relativePath, body, requestType);
        return await SendForJsonAsync(request, responseType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a JSON answer.</summary>
    /// <typeparam name="TResponse">The response body type.</typeparam>
    /// <param name="relativePath">The path (and query) under the base URL.</param>
    /// <param name="responseType">Source-generated type information for the response.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TResponse> GetJsonAsync<TResponse>(string relativePath, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(relativePath));
        return await SendForJsonAsync(request, responseType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a request whose body is <paramref name="body"/> as UTF-8 JSON with <c>Content-Type: application/json</c>,
    /// written as <see cref="JsonRequestContent"/> writes it.
    /// </summary>
    /// <typeparam name="TRequest">The request body type.</typeparam>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativePath">The path under the base URL.</param>
    /// <param name="body">The body.</param>
    /// <param name="requestType">Source-generated type information for the body.</param>
    public HttpRequestMessage CreateJsonRequest<TRequest>(HttpMethod method, string relativePath, TRequest body, JsonTypeInfo<TRequest> requestType) =>
        new(method, Resolve(relativePath)) { Content = JsonRequestContent.Create(body, requestType) };

    /// <summary>Sends a request and reads its JSON answer, within the timeout.</summary>
    /// <typeparam name="TResponse">The response body type.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="responseType">Source-generated type information for the response.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TResponse> SendForJsonAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default)
    {
        using var timeout = StartTimeout(cancellationToken);
        try
        {
            using var response = await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return await ReadJsonAsync(response, responseType, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request, e);
        }
    }

    /// <summary>
    /// Sends a request and returns the successful response once its headers arrive, for streaming or binary bodies.
    /// The timeout covers the wait for the headers, <see cref="IdleTimeout"/> each read of the body; the caller reads
    /// the body and disposes the response.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ProviderException">The service could not be reached, timed out or answered with an error status.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var timeout = StartTimeout(cancellationToken);
        try
        {
            return await SendCoreAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(request, e);
        }
    }

    /// <summary>Reads a successful response's JSON body, refusing HTML and malformed JSON with <see cref="InvalidResponseException"/>.</summary>
    /// <typeparam name="TResponse">The response body type.</typeparam>
    /// <param name="response">The response.</param>
    /// <param name="responseType">Source-generated type information for the response.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<TResponse> ReadJsonAsync<TResponse>(HttpResponseMessage response, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            string body = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
            throw Invalid(response, $"{ServiceName} answered {HttpRoute.Of(response)} with {ServiceErrorBody.Parse(body).Message}, not JSON.");
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
                    ?? throw Invalid(response, $"{ServiceName} answered with a JSON null.");
            }
        }
        catch (JsonException e)
        {
            throw Invalid(response, $"{ServiceName} answered with malformed JSON: {Authentication.Redact(e.Message)}", e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new ProviderException(ServiceName, $"The connection to {ServiceName} broke while reading its answer to {HttpRoute.Of(response)}.", e)
            {
                StatusCode = response.StatusCode,
                Route = HttpRoute.Of(response),
                IsRetryable = true,
            };
        }
    }

    /// <summary>
    /// Refuses a successful streaming answer whose body is not a stream: an HTML page (a proxy's login page) or, unless
    /// <paramref name="jsonIsStream"/>, a JSON document. A JSON error body raises the service's error, anything else
    /// <see cref="InvalidResponseException"/>; neither is retryable unless the error's own code is a transient status.
    /// Other media types, or none, are read as a stream (some servers label a stream <c>text/plain</c>).
    /// </summary>
    /// <param name="response">The successful response.</param>
    /// <param name="expected">What the body should be, for the message, e.g. "an event stream".</param>
    /// <param name="jsonIsStream">Whether a JSON media type is a valid label for the stream (NDJSON servers use it).</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public async Task ThrowIfNotStreamAsync(HttpResponseMessage response, string expected, bool jsonIsStream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        bool html = mediaType is not null && mediaType.Contains("html", StringComparison.OrdinalIgnoreCase);
        bool json = !jsonIsStream && mediaType is not null &&
            (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!html && !json)
        {
            return;
        }

        string body = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        string? route = HttpRoute.Of(response);
        if (json && body.TrimStart().StartsWith('{') && ServiceErrorBody.Parse(body) is { Message: not null } error)
        {
            throw CreateError(error, response, $"{ServiceName} answered {route} with an error instead of {expected}");
        }

        string what = html ? ServiceErrorBody.Parse(body).Message! : "a JSON document";
        throw Invalid(response, $"{ServiceName} answered {route} with {what}, not {expected}.");
    }

    /// <summary>Builds the error for a response with a failure status, reading the message from any known error shape.</summary>
    /// <param name="response">The failed response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public async Task<ProviderException> CreateErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body;
        try
        {
            body = await ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            body = string.Empty;
        }

        var error = ServiceErrorBody.Parse(body);
        int status = (int)response.StatusCode;
        string detail = error.Message is { } message ? Authentication.Redact(message) : "no error message";
        string? route = HttpRoute.Of(response);
        return new ProviderException(ServiceName, $"{ServiceName} answered {status} ({response.ReasonPhrase ?? response.StatusCode.ToString()}) to {route}: {detail}")
        {
            StatusCode = response.StatusCode,
            ErrorCode = error.Code,
            ErrorType = error.Type,
            RetryAfter = RetryAfterParser.Parse(response.Headers, TimeProvider.GetUtcNow()),
            RequestId = FindRequestId(response.Headers),
            Route = route,
            IsRetryable = ProviderException.IsTransientStatus(response.StatusCode),
        };
    }

    /// <summary>Builds the error for an error object that arrived in place of data, such as an SSE error frame.</summary>
    /// <param name="error">The error found in the payload.</param>
    /// <param name="response">The response that carried it, for headers.</param>
    public ProviderException CreateError(ServiceErrorBody error, HttpResponseMessage? response) =>
        CreateError(error, response, $"{ServiceName} reported an error mid-answer");

    private ProviderException CreateError(ServiceErrorBody error, HttpResponseMessage? response, string lead)
    {
        ArgumentNullException.ThrowIfNull(error);
        HttpStatusCode? status = int.TryParse(error.Code, out int code) && code is >= 400 and < 600 ? (HttpStatusCode)code : null;
        return new ProviderException(ServiceName, $"{lead}: {Authentication.Redact(error.Message ?? "no message")}")
        {
            StatusCode = status,
            ErrorCode = error.Code,
            ErrorType = error.Type,
            RequestId = response is null ? null : FindRequestId(response.Headers),
            Route = HttpRoute.Of(response),
            IsRetryable = status is { } s && ProviderException.IsTransientStatus(s),
        };
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Authentication.Apply(request.Headers);
        var uri = request.RequestUri ?? BaseAddress;
        long started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            ProvidersTelemetry.RecordRequest(ServiceName, uri, request.Method.Method, null, e.HttpRequestError.ToString(), Stopwatch.GetElapsedTime(started));
            // Uri.Authority leaves out user info, which may hold a password (GetLeftPart would keep it).
            throw new ProviderException(ServiceName, $"Could not reach {ServiceName} at {uri.Scheme}://{uri.Authority} for {HttpRoute.Of(request)}: {e.Message}", e)
            {
                Route = HttpRoute.Of(request),
                IsRetryable = true,
            };
        }
        catch (OperationCanceledException)
        {
            // A timeout or the caller's cancellation: still a request whose latency the service dashboard should show.
            ProvidersTelemetry.RecordRequest(ServiceName, uri, request.Method.Method, null, "canceled", Stopwatch.GetElapsedTime(started));
            throw;
        }

        int status = (int)response.StatusCode;
        ProvidersTelemetry.RecordRequest(ServiceName, uri, request.Method.Method, status, response.IsSuccessStatusCode ? null : status.ToString(System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
        if (response.IsSuccessStatusCode)
        {
            if (IdleTimeout != Timeout.InfiniteTimeSpan)
            {
                string? route = HttpRoute.Of(request);
                response.Content = new IdleTimeoutContent(response.Content, body => new IdleTimeoutStream(body, IdleTimeout, TimeProvider, e => IdleTimedOut(route, e)));
            }

            return response;
        }

        using (response)
        {
            throw await CreateErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private CancellationTokenSource StartTimeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            source.CancelAfter(_timeout);
        }

        return source;
    }

    // With an infinite Timeout option, only the caller's HttpClient.Timeout can have fired.
    private ServiceTimeoutException TimedOut(HttpRequestMessage request, Exception inner)
    {
        string? route = HttpRoute.Of(request);
        return _timeout == Timeout.InfiniteTimeSpan
            ? new(ServiceName, $"{ServiceName} did not answer {route} within the HttpClient's timeout.", null, inner) { Route = route }
            : new(ServiceName, $"{ServiceName} did not answer {route} within {_timeout.TotalSeconds:0.###} s (Timeout).", _timeout, inner) { Route = route };
    }

    private ServiceTimeoutException IdleTimedOut(string? route, Exception inner) =>
        new(ServiceName, $"{ServiceName} sent nothing for {IdleTimeout.TotalSeconds:0.###} s while answering {route} (IdleTimeout); the answer is incomplete.", IdleTimeout, inner)
        {
            Route = route,
        };

    private InvalidResponseException Invalid(HttpResponseMessage response, string message, Exception? inner = null) =>
        new(ServiceName, message, inner) { StatusCode = response.StatusCode, RequestId = FindRequestId(response.Headers), Route = HttpRoute.Of(response) };

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var buffer = new char[MaxErrorBodyChars];
            int read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
    }

    // A server may echo what it was sent (credentials included) in its request-id header; the id is printed by ToString().
    private string? FindRequestId(HttpResponseHeaders headers)
    {
        foreach (string name in RequestIdHeaders)
        {
            if (headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault() is { } id ? Authentication.Redact(id) : null;
            }
        }

        return null;
    }
}

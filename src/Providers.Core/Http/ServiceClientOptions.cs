namespace Providers.Core;

/// <summary>Settings every service client shares: where the service is and how long to wait for it.</summary>
public abstract class ServiceClientOptions
{
    /// <summary>Gets or sets the service's base URL, e.g. <c>http://10.0.10.51:8123/</c>. Required; http or https.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets how long one request may take before it fails as timed out (retryable). Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets or sets how long reading an answer's body may wait for its next bytes: an SSE or NDJSON stream between
    /// chunks, a download mid-way. A body silent for longer fails with a retryable <see cref="ServiceTimeoutException"/>
    /// naming the service, the route and the time waited. Default 100 s (the per-read network timeout of Azure.Core and
    /// System.ClientModel), long enough for a busy vLLM to queue a request before its first token;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>
    /// Gets or sets the clock behind the client's waits: the idle timeout, <c>Retry-After</c> dates, and, where a
    /// provider polls (Spirit jobs), the pace of its polls. Default <see cref="TimeProvider.System"/>; tests give a
    /// <c>FakeTimeProvider</c> to run those waits without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The default of <see cref="IdleTimeout"/>: 100 s.</summary>
    public static TimeSpan DefaultIdleTimeout { get; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets the version segment (<c>v1</c>) that the service's own docs put at the end of its base URL while this client's
    /// paths already start with it; <see cref="GetBaseAddress"/> drops it from an <see cref="Endpoint"/> that ends with it,
    /// so <c>https://host/v1</c> and <c>https://host/</c> both work. <see langword="null"/> (the default) drops nothing.
    /// </summary>
    protected virtual string? VersionSegment => null;

    /// <summary>Lists what is wrong with the settings, each naming the setting; empty when they are usable.</summary>
    public virtual IEnumerable<string> GetValidationErrors()
    {
        string name = GetType().Name;
        if (Endpoint is null)
        {
            yield return $"{name}.Endpoint is required: set it to the service's base URL.";
        }
        else if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            yield return $"{name}.Endpoint must be an absolute http or https URL; got '{Endpoint}'.";
        }

        if (TimeSpanRangeError(nameof(Timeout), Timeout, infiniteAllowed: true) is { } timeoutError)
        {
            yield return timeoutError;
        }

        if (TimeSpanRangeError(nameof(IdleTimeout), IdleTimeout, infiniteAllowed: true) is { } idleError)
        {
            yield return idleError;
        }
    }

    /// <summary>The longest wait a setting may ask for: what <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> and <see cref="Task.Delay(TimeSpan)"/> accept (about 24.8 days).</summary>
    public static TimeSpan MaxWait { get; } = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>
    /// Checks that a wait setting is positive and at most <see cref="MaxWait"/> (or infinite, where allowed). A value
    /// bound from configuration as a bare number (<c>"60"</c>) is that many days, so the message shows the TimeSpan format.
    /// </summary>
    /// <param name="setting">The setting's property name, e.g. <c>Timeout</c>.</param>
    /// <param name="value">Its value.</param>
    /// <param name="infiniteAllowed">Whether <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> means "no limit" for it.</param>
    /// <returns>The error naming the setting, or <see langword="null"/> when the value is usable.</returns>
    protected string? TimeSpanRangeError(string setting, TimeSpan value, bool infiniteAllowed)
    {
        if ((infiniteAllowed && value == System.Threading.Timeout.InfiniteTimeSpan) || (value > TimeSpan.Zero && value <= MaxWait))
        {
            return null;
        }

        string infinite = infiniteAllowed ? $", or {System.Threading.Timeout.InfiniteTimeSpan} for no limit" : "";
        return $"{GetType().Name}.{setting} must be positive and at most {MaxWait:d\\.hh\\:mm\\:ss} (days.hours:minutes:seconds){infinite}; " +
            $"got {value}. Write it as a TimeSpan, e.g. \"00:01:00\" for one minute: a bare number such as \"60\" reads as days.";
    }

    /// <summary>
    /// Validates the settings, then creates the client that sends to the service: the one way every provider builds its
    /// <see cref="ServiceHttpClient"/>. With no <paramref name="httpClient"/> it creates an <see cref="HttpClient"/>
    /// without a timeout of its own (<see cref="Timeout"/> applies) and disposes it with the service client.
    /// </summary>
    /// <param name="serviceName">The service's name, used in errors, telemetry and metadata.</param>
    /// <param name="httpClient">The HTTP client to send with (not disposed), or <see langword="null"/> to create and own one.</param>
    /// <param name="authenticate">Builds the credentials from the validated settings; <see langword="null"/> for none.</param>
    /// <returns>The service client.</returns>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public ServiceHttpClient CreateServiceClient(string serviceName, HttpClient? httpClient, Func<ServiceAuthentication>? authenticate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ThrowIfInvalid($"the options passed to the {serviceName} client");
        var baseAddress = GetBaseAddress();
        return new ServiceHttpClient(serviceName, httpClient ?? new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan }, baseAddress,
            authenticate?.Invoke() ?? ServiceAuthentication.None, Timeout, disposeHttpClient: httpClient is null)
        {
            IdleTimeout = IdleTimeout,
            TimeProvider = TimeProvider,
        };
    }

    /// <summary>Throws when the settings are not usable.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message names each.</exception>
    /// <param name="source">Where the settings came from, e.g. <c>the options passed to the SciBox client</c>; added to the message.</param>
    public void ThrowIfInvalid(string? source = null)
    {
        var errors = GetValidationErrors().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors) + (source is null ? "" : $" ({source})"));
        }
    }

    /// <summary>Gets <see cref="Endpoint"/> with a trailing slash, so that relative paths append to it.</summary>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public Uri GetBaseAddress()
    {
        ThrowIfInvalid();
        string url = Endpoint!.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (VersionSegment is { } version && Endpoint.AbsolutePath.TrimEnd('/').EndsWith("/" + version, StringComparison.OrdinalIgnoreCase))
        {
            url = url[..^(version.Length + 1)];
        }

        return new Uri(url + "/");
    }
}

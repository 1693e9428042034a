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

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            yield return $"{name}.Timeout must be positive; got {Timeout}.";
        }

        if (IdleTimeout != System.Threading.Timeout.InfiniteTimeSpan &&
            (IdleTimeout <= TimeSpan.Zero || IdleTimeout.TotalMilliseconds > int.MaxValue))
        {
            yield return $"{name}.IdleTimeout must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)} (write it as a TimeSpan, e.g. \"00:01:40\"), or infinite; got {IdleTimeout}.";
        }
    }

    /// <summary>Throws when the settings are not usable.</summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message names each.</exception>
    public void ThrowIfInvalid()
    {
        var errors = GetValidationErrors().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
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

namespace Providers.Core;

/// <summary>Settings every service client shares: where the service is and how long to wait for it.</summary>
public abstract class ServiceClientOptions
{
    /// <summary>Gets or sets the service's base URL, e.g. <c>http://10.0.10.51:8123/</c>. Required; http or https.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets how long one request may take before it fails as timed out (retryable). Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

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
        string url = Endpoint!.AbsoluteUri;
        return url.EndsWith('/') ? Endpoint : new Uri(url + "/");
    }
}

namespace Providers.SvRay;

/// <summary>
/// Limits on downloading http(s) image inputs: the SV Ray cluster never sees a URL, so the client fetches each
/// image and sends its bytes.
/// </summary>
public sealed class ImageDownloadOptions
{
    /// <summary>Gets or sets how long one download may take. Default 30 s, as the reference client waits.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest image accepted, in bytes. Default 20 MiB.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    internal IEnumerable<string> GetValidationErrors(string owner)
    {
        if (Timeout <= TimeSpan.Zero)
        {
            yield return $"{owner}.ImageDownload.Timeout must be positive; got {Timeout}.";
        }

        if (MaxBytes <= 0 || MaxBytes > Array.MaxLength)
        {
            yield return $"{owner}.ImageDownload.MaxBytes must be between 1 and {Array.MaxLength}; got {MaxBytes}.";
        }
    }
}

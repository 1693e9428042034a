namespace Providers.Core;

/// <summary>
/// Limits on fetching image inputs that arrive as addresses: an http(s) image is downloaded and a <c>file:</c> image
/// read by the client, since the services take bytes, never a URL.
/// </summary>
public sealed class ImageDownloadOptions
{
    /// <summary>Gets or sets how long one download may take. Default 30 s, as the SV Ray reference client waits.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest image accepted from an address, in bytes. Default 20 MiB.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Gets or sets the clock the download timeout runs on (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Lists what is wrong with these settings, each message naming the setting under <paramref name="owner"/>.</summary>
    /// <param name="owner">The options type that holds these settings, e.g. <c>SvRayImageEmbeddingOptions</c>.</param>
    /// <returns>The problems; none when the settings are valid.</returns>
    public IEnumerable<string> GetValidationErrors(string owner)
    {
        // A CancellationTokenSource waits at most int.MaxValue milliseconds (about 24.8 days).
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMilliseconds(int.MaxValue))
        {
            yield return $"{owner}.ImageDownload.Timeout must be positive and under 24 days (format \"00:00:30\"); got {Timeout}.";
        }

        if (MaxBytes <= 0 || MaxBytes > Array.MaxLength)
        {
            yield return $"{owner}.ImageDownload.MaxBytes must be between 1 and {Array.MaxLength}; got {MaxBytes}.";
        }

        if (TimeProvider is null)
        {
            yield return $"{owner}.ImageDownload.TimeProvider must not be null.";
        }
    }
}

namespace Providers.Spirit;

/// <summary>Settings of a <see cref="SpiritJobClient"/>: the shared Spirit-GPU settings plus how async jobs report back.</summary>
public sealed class SpiritJobClientOptions : SpiritOptions
{
    /// <summary>The longest time-to-live the service accepts for an async job (wire-formats.md §5: under 24 hours).</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets the URL the service posts each async job's result to, such as the app's
    /// <c>MapSpiritWebhook("/spirit/webhook")</c> endpoint as seen from the internet. Used when a submission names none.
    /// The service refuses async jobs without a webhook, so set this or <see cref="SpiritSubmitOptions.Webhook"/>.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Gets or sets how long an async job may wait in the queue before the service drops it with 408, when a submission
    /// names no time-to-live. <see langword="null"/> leaves the service's default of 15 minutes.
    /// </summary>
    public TimeSpan? DefaultTimeToLive { get; set; }

    /// <summary>Gets or sets the first wait between status polls of a job; each later wait doubles it. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest wait between status polls. A job that reports through a webhook is polled only at this
    /// pace, as a safety net for a webhook that never arrives. Default 15 s.
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        const string Name = nameof(SpiritJobClientOptions);
        if (WebhookUrl is not null && !IsHttpUrl(WebhookUrl))
        {
            yield return $"{Name}.WebhookUrl must be an absolute http or https URL; got '{WebhookUrl}'.";
        }

        if (DefaultTimeToLive is { } ttl && !IsValidTimeToLive(ttl))
        {
            yield return $"{Name}.DefaultTimeToLive must be positive and under {MaxTimeToLive.TotalHours} hours; got {ttl}.";
        }

        if (TimeSpanRangeError(nameof(PollInterval), PollInterval, infiniteAllowed: false) is { } pollError)
        {
            yield return pollError;
        }

        if (TimeProvider is null)
        {
            yield return $"{Name}.TimeProvider must not be null; leave it at TimeProvider.System.";
        }

        if (MaxPollInterval < PollInterval)
        {
            yield return $"{Name}.MaxPollInterval must be at least PollInterval ({PollInterval}); got {MaxPollInterval}.";
        }
        else if (TimeSpanRangeError(nameof(MaxPollInterval), MaxPollInterval, infiniteAllowed: false) is { } maxPollError)
        {
            yield return maxPollError;
        }
    }

    internal static bool IsHttpUrl(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    internal static bool IsValidTimeToLive(TimeSpan ttl) => ttl >= TimeSpan.FromMilliseconds(1) && ttl < MaxTimeToLive;
}

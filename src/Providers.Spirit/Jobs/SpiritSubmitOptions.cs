namespace Providers.Spirit;

/// <summary>Settings of one async submission, overriding the client's defaults.</summary>
public sealed class SpiritSubmitOptions
{
    /// <summary>
    /// Gets or sets the URL the service posts the result to (<c>POST {webhook}?requestID=R&amp;statusCode=200</c>).
    /// <see langword="null"/> uses <see cref="SpiritJobClientOptions.WebhookUrl"/>.
    /// </summary>
    public Uri? Webhook { get; set; }

    /// <summary>
    /// Gets or sets how long the job may wait before the service drops it with 408 (<c>policy.ttl</c>, under 24 hours).
    /// <see langword="null"/> uses <see cref="SpiritJobClientOptions.DefaultTimeToLive"/>.
    /// </summary>
    public TimeSpan? TimeToLive { get; set; }
}

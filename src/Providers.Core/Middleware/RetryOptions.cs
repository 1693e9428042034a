namespace Providers.Core;

/// <summary>How <see cref="RetryingChatClient"/> and <see cref="RetryingEmbeddingGenerator{TInput, TEmbedding}"/> retry.</summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets the most attempts in all, the first included. Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Gets or sets the first backoff delay, doubled on each further attempt. Default 0.5 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the longest single wait, whether from backoff or from the service's Retry-After. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the time after which no retry starts, measured from the first attempt. Default 2 min.</summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets a predicate that decides whether an error is worth retrying, in place of the default: a retryable
    /// <see cref="ProviderException"/> (408, 429, 500, 502, 503, 504, connection failures, timeouts),
    /// an <see cref="HttpRequestException"/> or a <see cref="TimeoutException"/>.
    /// </summary>
    public Func<Exception, bool>? ShouldRetry { get; set; }

    /// <summary>Gets or sets the clock used to wait; tests replace it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAttempts, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, TimeSpan.Zero, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(TotalBudget, TimeSpan.Zero, nameof(TotalBudget));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}

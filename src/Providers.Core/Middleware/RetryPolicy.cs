using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Providers.Core;

/// <summary>Decides whether and how long to wait before another attempt; shared by the retrying chat client and generator.</summary>
internal sealed partial class RetryPolicy
{
    private readonly RetryOptions _options;
    private readonly string? _providerName;
    private readonly Uri? _providerUri;
    private readonly string _operation;
    private readonly ILogger? _logger;

    public RetryPolicy(RetryOptions options, string? providerName, Uri? providerUri, string operation, ILogger? logger)
    {
        options.ThrowIfInvalid();
        _options = options;
        _providerName = providerName;
        _providerUri = providerUri;
        _operation = operation;
        _logger = logger;
    }

    public long StartTimestamp() => _options.TimeProvider.GetTimestamp();

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        long started = StartTimestamp();
        for (int number = 1; ; number++)
        {
            var span = StartAttempt(number);
            try
            {
                var result = await attempt(cancellationToken).ConfigureAwait(false);
                span?.Dispose();
                return result;
            }
            catch (Exception e) when (ShouldRetry(e, number, started, cancellationToken, out var delay))
            {
                await WaitAsync(e, number, delay, span, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                EndFailedAttempt(span, e);
                throw;
            }
        }
    }

    /// <summary>Starts the span of attempt <paramref name="number"/>, when someone listens; inner spans become its children.</summary>
    public Activity? StartAttempt(int number) => ProvidersTelemetry.StartAttempt(_providerName, _providerUri, _operation, number);

    /// <summary>Ends an attempt's span as failed with <paramref name="error"/>.</summary>
    public static void EndFailedAttempt(Activity? span, Exception error)
    {
        ProvidersTelemetry.RecordAttemptFailure(span, ErrorType(error), (error as ProviderException)?.StatusCode);
        span?.Dispose();
    }

    /// <summary>Whether attempt <paramref name="number"/>'s error deserves another attempt, and after what delay.</summary>
    public bool ShouldRetry(Exception error, int number, long started, CancellationToken cancellationToken, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (cancellationToken.IsCancellationRequested || number >= _options.MaxAttempts || !IsRetryable(error))
        {
            return false;
        }

        delay = error is ProviderException { RetryAfter: { } asked } ? asked : Backoff(number);
        if (delay > _options.MaxDelay)
        {
            delay = _options.MaxDelay;
        }

        // Subtracting keeps a MaxDelay of TimeSpan.MaxValue from overflowing.
        return delay <= _options.TotalBudget - _options.TimeProvider.GetElapsedTime(started);
    }

    /// <summary>Records the retry on the failed attempt's span, ends it, logs, and waits out the delay.</summary>
    public async Task WaitAsync(Exception error, int number, TimeSpan delay, Activity? span, CancellationToken cancellationToken)
    {
        string errorType = ErrorType(error);
        ProvidersTelemetry.RecordRetry(_providerName, _operation, errorType, number, delay, span);
        EndFailedAttempt(span, error);
        if (_logger is not null)
        {
            LogRetry(_logger, _providerName ?? "service", number, delay.TotalMilliseconds, error.Message);
        }

        await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
    }

    private static string ErrorType(Exception error) =>
        error is ProviderException { StatusCode: { } status } ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : error.GetType().Name;

    private bool IsRetryable(Exception error) => _options.ShouldRetry?.Invoke(error) ?? error switch
    {
        ProviderException provider => provider.IsRetryable,
        HttpRequestException or TimeoutException => true,
        _ => false,
    };

    private TimeSpan Backoff(int number)
    {
        double exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, number - 1);

        // Jitter spreads clients that failed together, so they do not all come back at the same instant.
        double jittered = exponential * (0.5 + (Random.Shared.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxDelay.TotalMilliseconds));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} attempt {Attempt} failed; retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, string provider, int attempt, double delayMs, string reason);
}

using System.Globalization;
using System.Net.Http.Headers;

namespace Providers.Core;

/// <summary>Reads how long a service asks the client to wait, from <c>retry-after-ms</c> or <c>Retry-After</c>.</summary>
/// <remarks>
/// <c>Retry-After</c> comes as integer seconds, as a float string (LiteLLM sends <c>"37.52"</c>, which .NET's typed
/// header parser rejects) or as an HTTP date; <c>retry-after-ms</c> carries milliseconds and wins when present.
/// Delays longer than <see cref="MaxDelay"/> (a server may send <c>1e12</c>) are read as <see cref="MaxDelay"/>.
/// </remarks>
public static class RetryAfterParser
{
    /// <summary>The longest delay read from a header: one day. Longer values are clamped to it rather than overflowing.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    /// <summary>Reads the delay from response headers.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="now">The current time, against which an HTTP date is measured.</param>
    /// <returns>The delay (never negative), or <see langword="null"/> when the headers ask for none or cannot be read.</returns>
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var msValues) &&
            double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) &&
            double.IsFinite(ms))
        {
            return Clamp(ms / 1000);
        }

        return headers.TryGetValues("Retry-After", out var values) ? Parse(values.FirstOrDefault(), now) : null;
    }

    /// <summary>Reads a <c>Retry-After</c> value: seconds (integer or float) or an HTTP date.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="now">The current time, against which an HTTP date is measured.</param>
    /// <returns>The delay (never negative), or <see langword="null"/> when the value cannot be read.</returns>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return double.IsFinite(seconds) ? Clamp(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var delay = date - now;
            return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        }

        return null;
    }

    private static TimeSpan Clamp(double seconds) =>
        seconds <= 0 ? TimeSpan.Zero : seconds >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(seconds);
}

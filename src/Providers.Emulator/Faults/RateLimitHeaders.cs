using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.Faults;

/// <summary>The <c>x-ratelimit-*</c> request counters, reflecting the rate-limit bucket when one is set.</summary>
internal static class RateLimitHeaders
{
    public static void Set(HttpResponse response, int limit, int remaining)
    {
        response.Headers["x-ratelimit-limit-requests"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["x-ratelimit-remaining-requests"] = remaining.ToString(CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Providers.Emulator.SciBox;

/// <summary>The response headers LiteLLM adds to every answer.</summary>
internal static class LiteLlmHeaders
{
    private const string RequestLimit = "1000";
    private const string TokenLimit = "1000000";

    public static void Add(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var headers = context.Response.Headers;
        headers["x-litellm-call-id"] = Guid.NewGuid().ToString();
        headers["x-litellm-model-id"] = Guid.NewGuid().ToString("N");
        headers["x-litellm-version"] = "1.74.0";
        headers["x-litellm-response-cost"] = "0.0";
        headers.TryAdd("x-ratelimit-limit-requests", RequestLimit);
        headers.TryAdd("x-ratelimit-remaining-requests", "999");
        headers["x-ratelimit-limit-tokens"] = TokenLimit;
        headers["x-ratelimit-remaining-tokens"] = "999000";
        headers["x-ratelimit-reset-requests"] = "1s";
        headers["x-ratelimit-reset-tokens"] = "1s";
        context.Response.OnStarting(() =>
        {
            headers["x-litellm-response-duration-ms"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
    }
}

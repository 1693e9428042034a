using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Providers.Core.Tests.Support;

/// <summary>An OpenAI-style embeddings server at <c>v1/embeddings</c> whose first requests fail.</summary>
internal static class FlakyEmbeddingServer
{
    /// <summary>Starts a server whose first <paramref name="failures"/> requests fail with <paramref name="status"/>.</summary>
    /// <param name="failures">How many requests fail before the server answers.</param>
    /// <param name="status">The failure status.</param>
    /// <param name="retryAfter">The Retry-After header to send with each failure, if any.</param>
    /// <param name="message">The error message, given the request (so that it can quote it).</param>
    public static Task<LoopbackServer> StartAsync(int failures, int status, string? retryAfter = null, Func<HttpRequest, string>? message = null)
    {
        int attempts = 0;
        return LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref attempts) > failures)
            {
                return await EmbeddingsJson.OnePerInputAsync(context.Request);
            }

            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            string text = message?.Invoke(context.Request) ?? "try again later";
            return Results.Json(new { error = new { message = text, type = "server_error" } }, statusCode: status);
        }));
    }
}

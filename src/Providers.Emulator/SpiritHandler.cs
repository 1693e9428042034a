using System.Text.Json.Nodes;

namespace Providers.Emulator;

/// <summary>A Spirit-GPU handler: turns a request's <c>input</c> into its result, or throws to fail the request.</summary>
/// <param name="request">The request the handler runs for.</param>
/// <param name="cancellationToken">Cancelled when the request is cancelled or its ttl runs out.</param>
/// <returns>The result, serialised to JSON for the caller.</returns>
public delegate ValueTask<JsonNode?> SpiritHandler(SpiritHandlerRequest request, CancellationToken cancellationToken);

/// <summary>What a Spirit handler is given.</summary>
/// <param name="RequestId">The request id the caller sees.</param>
/// <param name="Input">The request's <c>input</c> object.</param>
public sealed record SpiritHandlerRequest(string RequestId, JsonNode? Input);

/// <summary>Built-in Spirit handlers.</summary>
public static class SpiritHandlers
{
    /// <summary>
    /// Echoes <c>input</c> back. Conventions for tests: <c>{"sleep_ms":N}</c> waits N ms first (so a job is seen
    /// executing), <c>{"fail":"message"}</c> fails the request with that message.
    /// </summary>
    public static SpiritHandler Echo { get; } = async (request, cancellationToken) =>
    {
        if (request.Input is JsonObject input)
        {
            if (input["sleep_ms"] is JsonValue sleep && sleep.TryGetValue(out int milliseconds) && milliseconds > 0)
            {
                await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
            }

            if (input["fail"] is JsonValue fail && fail.TryGetValue(out string? message))
            {
                throw new InvalidOperationException(message);
            }
        }

        return request.Input?.DeepClone();
    };
}

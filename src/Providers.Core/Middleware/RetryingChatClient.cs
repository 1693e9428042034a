using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Providers.Core;

/// <summary>
/// Retries chat requests that failed transiently (429, 408, 5xx, connection failures), honouring the delay the service
/// asks for. A stream is retried only until its first update reaches the caller; after that an error surfaces as is,
/// so the caller never sees an answer replayed.
/// </summary>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly RetryPolicy _policy;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="innerClient">The client to retry.</param>
    /// <param name="options">How to retry; defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where to log retries; none when <see langword="null"/>.</param>
    public RetryingChatClient(IChatClient innerClient, RetryOptions? options = null, ILogger? logger = null)
        : base(innerClient)
    {
        var metadata = innerClient.GetService<ChatClientMetadata>();
        _policy = new RetryPolicy(options ?? new RetryOptions(), metadata?.ProviderName, metadata?.ProviderUri, "chat", logger);
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        return _policy.ExecuteAsync(ct => base.GetResponseAsync(history, options, ct), cancellationToken);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        long started = _policy.StartTimestamp();
        for (int attempt = 1; ; attempt++)
        {
            var span = _policy.StartAttempt(attempt);
            var updates = base.GetStreamingResponseAsync(history, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool hasFirst;
            try
            {
                hasFirst = await updates.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (_policy.ShouldRetry(e, attempt, started, cancellationToken, out var delay))
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                await _policy.WaitAsync(e, attempt, delay, span, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception e)
            {
                RetryPolicy.EndFailedAttempt(span, e);
                await updates.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            // The attempt's span lasts as long as its stream.
            using (span)
            await using (updates.ConfigureAwait(false))
            {
                if (!hasFirst)
                {
                    yield break;
                }

                yield return updates.Current;
                while (await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return updates.Current;
                }
            }

            yield break;
        }
    }
}

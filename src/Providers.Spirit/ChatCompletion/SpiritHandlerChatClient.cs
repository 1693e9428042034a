using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// An <see cref="IChatClient"/> over a Spirit-GPU handler endpoint: each call becomes one handler run, with the
/// caller's mapping of the chat to the handler's <c>input</c> and of its output to a response. A handler answers all
/// at once, so a streaming call yields the whole response as updates after the run.
/// </summary>
public sealed class SpiritHandlerChatClient : IChatClient
{
    private readonly SpiritJobClient _jobClient;
    private readonly SpiritHandlerChatOptions _options;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="jobClient">The client of the handler endpoint; not disposed by this instance.</param>
    /// <param name="options">The mappings and how to run the handler.</param>
    public SpiritHandlerChatClient(SpiritJobClient jobClient, SpiritHandlerChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(jobClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.CreateInput, "options.CreateInput");
        ArgumentNullException.ThrowIfNull(options.ReadResponse, "options.ReadResponse");
        _jobClient = jobClient;
        _options = options;
        _metadata = new ChatClientMetadata(SpiritJobClient.ServiceName, jobClient.Endpoint, options.ModelId);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var input = _options.CreateInput(history, options);
        var result = await SpiritHandlerRun.RunAsync(_jobClient, input, _options.Invocation, cancellationToken).ConfigureAwait(false);
        var response = SpiritHandlerRun.Read(result, _options.ReadResponse, "a chat response");
        response.ModelId ??= options?.ModelId ?? _options.ModelId;
        return response;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, _metadata, _jobClient, _jobClient.Http);

    /// <summary>Does nothing: the job client belongs to the caller.</summary>
    public void Dispose()
    {
    }
}

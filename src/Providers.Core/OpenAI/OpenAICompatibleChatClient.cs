using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> for any service that speaks OpenAI's chat-completions API (vLLM, LiteLLM, Ollama's
/// <c>/v1</c>). Service classes derive from it and supply defaults, auth and quirks.
/// </summary>
/// <remarks>
/// Beyond what Microsoft.Extensions.AI's OpenAI client reads, it keeps reasoning sent as <c>reasoning</c> (newer vLLM)
/// or <c>reasoning_content</c> (older vLLM), raises error frames that arrive mid-stream and streams that end without
/// <c>[DONE]</c> as typed errors, and passes <see cref="ChatOptions.AdditionalProperties"/> (vLLM's <c>top_k</c>,
/// <c>repetition_penalty</c>, ...) through to the request body.
/// </remarks>
public class OpenAICompatibleChatClient : IChatClient
{
    private readonly ServiceHttpClient _service;
    private readonly string _path;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="service">The service client.</param>
    /// <param name="path">The chat-completions path under the base URL, e.g. <c>v1/chat/completions</c>.</param>
    /// <param name="defaultModelId">The model used when a call names none; <see langword="null"/> to send no model.</param>
    public OpenAICompatibleChatClient(ServiceHttpClient service, string path, string? defaultModelId)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _service = service;
        _path = path;
        _metadata = new ChatClientMetadata(service.ServiceName, service.BaseAddress, defaultModelId);
    }

    /// <inheritdoc />
    public virtual async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = OpenAIChatRequestBuilder.Build(messages, options, _metadata.DefaultModelId, _service.ServiceName, stream: false);
        var completion = await _service.PostJsonAsync(_path, body, OpenAIJsonContext.Default.ChatRequestBody,
            OpenAIJsonContext.Default.ChatCompletionBody, cancellationToken).ConfigureAwait(false);
        return OpenAIChatResponseReader.Read(completion, _service, IncludesReasoning(options));
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = OpenAIChatRequestBuilder.Build(messages, options, _metadata.DefaultModelId, _service.ServiceName, stream: true);
        using var request = _service.CreateJsonRequest(HttpMethod.Post, _path, body, OpenAIJsonContext.Default.ChatRequestBody);
        using var response = await _service.SendAsync(request, cancellationToken).ConfigureAwait(false);

        var assembler = new OpenAIChatStreamAssembler(_service.ServiceName, IncludesReasoning(options));
        await foreach (var chunk in ServerSentEventReader.ReadJsonAsync(_service, response, OpenAIJsonContext.Default.ChatCompletionBody, cancellationToken)
            .ConfigureAwait(false))
        {
            yield return assembler.Next(chunk);
        }

        if (assembler.Complete() is { } last)
        {
            yield return last;
        }
    }

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ServiceHttpClient) ? _service
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the service client (which disposes its <see cref="HttpClient"/> only if it created it).</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _service.Dispose();
        }
    }

    // Reasoning models always think aloud on vLLM; ReasoningOutput.None is honoured by leaving the thoughts out.
    private static bool IncludesReasoning(ChatOptions? options) => options?.Reasoning?.Output is not ReasoningOutput.None;
}

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
public class OpenAICompatibleChatClient : OpenAICompatibleEndpoint, IChatClient
{
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="service">The service client.</param>
    /// <param name="path">The chat-completions path under the base URL, e.g. <c>v1/chat/completions</c>.</param>
    /// <param name="defaultModelId">The model used when a call names none; <see langword="null"/> to send no model.</param>
    public OpenAICompatibleChatClient(ServiceHttpClient service, string path, string? defaultModelId)
        : base(service, path)
    {
        _metadata = new ChatClientMetadata(service.ServiceName, service.BaseAddress, defaultModelId);
    }

    /// <summary>
    /// Initializes a new instance for an OpenAI-style chat server described by <paramref name="options"/>: bearer
    /// authentication with its optional key, and its model as the default.
    /// </summary>
    /// <param name="serviceName">The service's name, used in errors, telemetry and metadata.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="httpClient">The HTTP client to send with (not disposed), or <see langword="null"/> to create and own one.</param>
    /// <param name="path">The chat-completions path under the base URL, e.g. <c>v1/chat/completions</c>.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    protected OpenAICompatibleChatClient(string serviceName, OpenAICompatibleChatOptions options, HttpClient? httpClient, string path)
        : this(options.CreateServiceClient(serviceName, httpClient, () => ServiceAuthentication.Bearer(options.ApiKey)), path, options.ModelId)
    {
    }

    /// <inheritdoc />
    public virtual async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = OpenAIChatRequestBuilder.Build(messages, options, _metadata.DefaultModelId, Service.ServiceName, stream: false);
        var completion = await Service.PostJsonAsync(Path, body, OpenAIJsonContext.Default.ChatRequestBody,
            OpenAIJsonContext.Default.ChatCompletionBody, cancellationToken).ConfigureAwait(false);
        return OpenAIChatResponseReader.Read(completion, Service, IncludesReasoning(options));
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = OpenAIChatRequestBuilder.Build(messages, options, _metadata.DefaultModelId, Service.ServiceName, stream: true);
        using var request = Service.CreateJsonRequest(HttpMethod.Post, Path, body, OpenAIJsonContext.Default.ChatRequestBody);
        using var response = await Service.SendAsync(request, cancellationToken).ConfigureAwait(false);

        var assembler = new OpenAIChatStreamAssembler(Service.ServiceName, IncludesReasoning(options));
        await foreach (var chunk in ServerSentEventReader.ReadJsonAsync(Service, response, OpenAIJsonContext.Default.ChatCompletionBody, cancellationToken)
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
    public virtual object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, _metadata, Service);

    // Reasoning models always think aloud on vLLM; ReasoningOutput.None is honoured by leaving the thoughts out.
    private static bool IncludesReasoning(ChatOptions? options) => options?.Reasoning?.Output is not ReasoningOutput.None;
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// An <see cref="IChatClient"/> for a Spirit-GPU proxy-mode endpoint whose worker runs Ollama: <c>POST /api/chat</c>
/// through the proxy, streamed as NDJSON. Thinking arrives as <see cref="TextReasoningContent"/>, tool calls as
/// <see cref="FunctionCallContent"/>, images go as <see cref="DataContent"/> bytes.
/// </summary>
/// <remarks>
/// <see cref="ChatOptions.AdditionalProperties"/> go into Ollama's <c>options</c> (e.g. <c>num_ctx</c>), except
/// <c>keep_alive</c>. Ollama cannot require a tool call; <see cref="ChatToolMode.RequireAny"/> is refused.
/// </remarks>
public sealed class SpiritOllamaChatClient : IChatClient
{
    private const string ChatPath = "api/chat";

    private readonly ServiceHttpClient _service;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritOllamaChatClient(HttpClient httpClient, SpiritProxyOptions options)
        : this(SpiritProxyService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), options.ModelId)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritOllamaChatClient(SpiritProxyOptions options)
        : this(SpiritProxyService.Create(options, httpClient: null), options.ModelId)
    {
    }

    private SpiritOllamaChatClient(ServiceHttpClient service, string modelId)
    {
        _service = service;
        _metadata = new ChatClientMetadata(service.ServiceName, service.BaseAddress, modelId);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = OllamaChatRequestBuilder.Build(messages, options, _metadata.DefaultModelId!, stream: false);
        var answer = await _service.PostJsonAsync(ChatPath, body, SpiritProxyJsonContext.Default.OllamaChatRequest,
            SpiritProxyJsonContext.Default.OllamaChatResponse, cancellationToken).ConfigureAwait(false);
        return OllamaChatResponseReader.Read(answer, _service, IncludesReasoning(options));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = OllamaChatRequestBuilder.Build(messages, options, _metadata.DefaultModelId!, stream: true);
        using var request = _service.CreateJsonRequest(HttpMethod.Post, ChatPath, body, SpiritProxyJsonContext.Default.OllamaChatRequest);
        using var response = await _service.SendAsync(request, cancellationToken).ConfigureAwait(false);

        var assembler = new OllamaChatStreamAssembler(IncludesReasoning(options), _service.ServiceName);
        await foreach (var line in OllamaStreamReader.ReadAsync(_service, response, SpiritProxyJsonContext.Default.OllamaChatResponse, cancellationToken).ConfigureAwait(false))
        {
            yield return assembler.Next(line);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => ServiceLookup.Find(this, serviceType, serviceKey, _metadata, _service);

    /// <inheritdoc />
    public void Dispose() => _service.Dispose();

    private static bool IncludesReasoning(ChatOptions? options) => options?.Reasoning?.Output is not ReasoningOutput.None;
}

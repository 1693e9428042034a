using System.Runtime.CompilerServices;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>
/// The routes of a Spirit-GPU proxy-mode Ollama worker that Microsoft.Extensions.AI has no interface for: the models it
/// has pulled (<c>GET /api/tags</c>) and prompt completion (<c>POST /api/generate</c>, whole or streamed as NDJSON).
/// Conversations belong to <see cref="SpiritOllamaChatClient"/> and embeddings to <see cref="SpiritOllamaEmbeddingGenerator"/>.
/// </summary>
/// <remarks>
/// <c>/api/generate</c> is a typed call rather than an <see cref="Microsoft.Extensions.AI.IChatClient"/>: it completes one prompt, continues from
/// an opaque <c>context</c> instead of a message history, and has raw mode and fill-in-the-middle (<c>suffix</c>), none of
/// which a chat call can say. Errors are <see cref="ProviderException"/>s with Ollama's message, such as 404 for a model
/// the worker has not pulled; an error line inside a stream raises one too.
/// </remarks>
public sealed class SpiritOllamaClient : IDisposable
{
    private const string TagsPath = "api/tags";
    private const string GeneratePath = "api/generate";

    private readonly ServiceHttpClient _service;
    private readonly string _defaultModelId;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritOllamaClient(HttpClient httpClient, SpiritProxyOptions options)
        : this(SpiritProxyService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), options.ModelId)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritOllamaClient(SpiritProxyOptions options)
        : this(SpiritProxyService.Create(options, httpClient: null), options.ModelId)
    {
    }

    private SpiritOllamaClient(ServiceHttpClient service, string defaultModelId) => (_service, _defaultModelId) = (service, defaultModelId);

    /// <summary>Gets the service's base URL.</summary>
    public Uri Endpoint => _service.BaseAddress;

    /// <summary>Lists the models the worker has pulled (<c>GET /api/tags</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The models, in the worker's order.</returns>
    /// <exception cref="InvalidResponseException">The answer has no <c>models</c> list, or a model without a name.</exception>
    public async Task<IReadOnlyList<SpiritOllamaModel>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var tags = await _service.GetJsonAsync(TagsPath, SpiritProxyJsonContext.Default.OllamaTagsResponse, cancellationToken).ConfigureAwait(false);
        var models = tags.Models ?? throw Invalid("the /api/tags answer has no 'models' list.");
        var listed = new SpiritOllamaModel[models.Count];
        for (int i = 0; i < models.Count; i++)
        {
            listed[i] = models[i] is { Name: { Length: > 0 } } model ? model : throw Invalid($"model {i} of /api/tags has no name.");
        }

        return listed;
    }

    /// <summary>Completes a prompt and returns the whole answer (<c>POST /api/generate</c> with <c>stream: false</c>).</summary>
    /// <param name="request">The prompt and its settings.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer, <see cref="SpiritOllamaGenerateResponse.Done"/> set.</returns>
    public async Task<SpiritOllamaGenerateResponse> GenerateAsync(SpiritOllamaGenerateRequest request, CancellationToken cancellationToken = default)
    {
        var body = Build(request, stream: false);
        var answer = await _service.PostJsonAsync(GeneratePath, body, SpiritProxyJsonContext.Default.OllamaGenerateRequest,
            SpiritProxyJsonContext.Default.OllamaGenerateResponse, cancellationToken).ConfigureAwait(false);
        OllamaChatResponseReader.ThrowIfError(answer, _service);
        return answer.Response is null ? throw Invalid("the /api/generate answer has no 'response'.") : ToResponse(answer);
    }

    /// <summary>
    /// Completes a prompt and yields the answer piece by piece as the worker writes it (<c>POST /api/generate</c>, NDJSON);
    /// the last piece has <see cref="SpiritOllamaGenerateResponse.Done"/> set.
    /// </summary>
    /// <param name="request">The prompt and its settings.</param>
    /// <param name="cancellationToken">Cancels the request and the stream.</param>
    /// <returns>The pieces.</returns>
    /// <exception cref="StreamTruncatedException">The stream ended, or the connection broke, before the last piece.</exception>
    public async IAsyncEnumerable<SpiritOllamaGenerateResponse> GenerateStreamingAsync(
        SpiritOllamaGenerateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var body = Build(request, stream: true);
        using var message = _service.CreateJsonRequest(HttpMethod.Post, GeneratePath, body, SpiritProxyJsonContext.Default.OllamaGenerateRequest);
        using var response = await _service.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await foreach (var line in OllamaStreamReader.ReadAsync(_service, response, SpiritProxyJsonContext.Default.OllamaGenerateResponse, cancellationToken).ConfigureAwait(false))
        {
            yield return ToResponse(line);
        }
    }

    /// <summary>Disposes the HTTP client if this instance created it.</summary>
    public void Dispose() => _service.Dispose();

    private OllamaGenerateRequest Build(SpiritOllamaGenerateRequest request, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Prompt, nameof(request.Prompt));
        return new OllamaGenerateRequest
        {
            Model = request.ModelId ?? _defaultModelId,
            Prompt = request.Prompt,
            Suffix = request.Suffix,
            System = request.System,
            Images = request.Images?.Select(image => Convert.ToBase64String(image.Span)).ToList(),
            Context = request.Context,
            Stream = stream,
            Raw = request.Raw,
            Format = request.Format,
            Options = request.Options,
            Think = request.Think,
            KeepAlive = request.KeepAlive,
        };
    }

    private static SpiritOllamaGenerateResponse ToResponse(OllamaGenerateResponse answer) => new()
    {
        ModelId = answer.Model,
        CreatedAt = answer.CreatedAt,
        Text = answer.Response ?? string.Empty,
        Thinking = answer.Thinking,
        Done = answer.Done,
        DoneReason = answer.DoneReason,
        Context = answer.Context,
        Usage = OllamaChatResponseReader.ToUsage(answer.PromptEvalCount, answer.EvalCount),
        TotalDuration = FromNanoseconds(answer.TotalDuration),
        LoadDuration = FromNanoseconds(answer.LoadDuration),
        PromptEvalDuration = FromNanoseconds(answer.PromptEvalDuration),
        EvalDuration = FromNanoseconds(answer.EvalDuration),
    };

    // Ollama reports durations in nanoseconds; a TimeSpan tick is 100 ns.
    private static TimeSpan? FromNanoseconds(long? nanoseconds) => nanoseconds is { } ns ? TimeSpan.FromTicks(ns / 100) : null;

    private InvalidResponseException Invalid(string problem) => new(_service.ServiceName, $"{_service.ServiceName} Ollama: {problem}");
}

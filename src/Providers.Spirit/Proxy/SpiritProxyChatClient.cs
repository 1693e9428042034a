using Providers.Core.OpenAI;

namespace Providers.Spirit;

/// <summary>
/// An <see cref="Microsoft.Extensions.AI.IChatClient"/> for a Spirit-GPU proxy-mode endpoint whose worker serves the
/// OpenAI API (vLLM, or Ollama's <c>/v1</c>): <c>/v1/chat/completions</c> through the proxy, SSE streams passed through.
/// The proxy answers 408 when the worker sends no first byte, or not the whole answer, within 3 minutes.
/// </summary>
public sealed class SpiritProxyChatClient : OpenAICompatibleChatClient
{
    private const string ChatPath = "v1/chat/completions";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritProxyChatClient(HttpClient httpClient, SpiritProxyOptions options)
        : base(SpiritProxyService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), ChatPath, options.ModelId)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SpiritProxyChatClient(SpiritProxyOptions options)
        : base(SpiritProxyService.Create(options, httpClient: null), ChatPath, options.ModelId)
    {
    }
}

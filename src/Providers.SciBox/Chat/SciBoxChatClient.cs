using Providers.Core.OpenAI;

namespace Providers.SciBox;

/// <summary>
/// An <see cref="Microsoft.Extensions.AI.IChatClient"/> for SciBox's <c>/v1/chat/completions</c> (LiteLLM), by default
/// with <c>Qwen2.5-72B-Instruct-AWQ</c>. LiteLLM's mid-stream error frames and usage chunks are handled by the base class.
/// </summary>
public sealed class SciBoxChatClient : OpenAICompatibleChatClient
{
    private const string ChatPath = "v1/chat/completions";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SciBoxChatClient(HttpClient httpClient, SciBoxOptions options)
        : base(SciBoxService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), ChatPath, options.ChatModelId)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SciBoxChatClient(SciBoxOptions options)
        : base(SciBoxService.Create(options, httpClient: null), ChatPath, options.ChatModelId)
    {
    }
}

using Providers.Core.OpenAI;

namespace Providers.SvInference;

/// <summary>
/// An <see cref="Microsoft.Extensions.AI.IChatClient"/> for the SV inference server's <c>/v1/chat/completions</c>, by
/// default with <c>Qwen/Qwen2.5-VL-72B-Instruct</c>. Images go in messages as
/// <see cref="Microsoft.Extensions.AI.DataContent"/> (sent as a base64 data URI) or
/// <see cref="Microsoft.Extensions.AI.UriContent"/> (an http(s) link the server fetches); other media are refused
/// before anything is sent. The server's <c>--limit-mm-per-prompt</c> caps images per request (400 beyond it).
/// </summary>
public sealed class SvInferenceChatClient : OpenAICompatibleChatClient
{
    private const string ServiceName = "SvInference";

    private const string ChatPath = "v1/chat/completions";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvInferenceChatClient(HttpClient httpClient, SvInferenceOptions options)
        : base(ServiceName, options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ChatPath)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvInferenceChatClient(SvInferenceOptions options)
        : base(ServiceName, options, httpClient: null, ChatPath)
    {
    }
}

using Providers.Core.OpenAI;

namespace Providers.SvRay;

/// <summary>
/// An <see cref="Microsoft.Extensions.AI.IChatClient"/> for the SV Ray cluster's <c>/v1/chat/completions</c>, by default
/// with <c>openai/gpt-oss-20b</c>. Its reasoning (sent as <c>reasoning</c> or <c>reasoning_content</c>, by vLLM version)
/// arrives as <see cref="Microsoft.Extensions.AI.TextReasoningContent"/>; <c>ChatOptions.Reasoning.Effort</c> sets
/// <c>reasoning_effort</c>.
/// </summary>
public sealed class SvRayChatClient : OpenAICompatibleChatClient
{
    private const string ServiceName = "SvRay";

    private const string ChatPath = "v1/chat/completions";

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayChatClient(HttpClient httpClient, SvRayChatOptions options)
        : base(ServiceName, options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ChatPath)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayChatClient(SvRayChatOptions options)
        : base(ServiceName, options, httpClient: null, ChatPath)
    {
    }
}

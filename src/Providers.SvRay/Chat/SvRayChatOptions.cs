using Providers.Core.OpenAI;

namespace Providers.SvRay;

/// <summary>Settings of the SV Ray cluster's chat endpoint (vLLM serving <c>openai/gpt-oss-20b</c>).</summary>
/// <remarks>
/// Bound from configuration (section <c>Providers:SvRayChat</c> by default); key names are the property names.
/// The chat base URL is configured apart from the embedding one, as newer deployments separate them. The cluster
/// checks no key, so <see cref="OpenAICompatibleChatOptions.ApiKey"/> is optional (the reference client sends a placeholder).
/// </remarks>
public sealed class SvRayChatOptions : OpenAICompatibleChatOptions
{
    /// <summary>The chat model the cluster serves: <c>openai/gpt-oss-20b</c>.</summary>
    public const string DefaultModelId = "openai/gpt-oss-20b";

    /// <summary>Initializes a new instance with <see cref="DefaultModelId"/>.</summary>
    public SvRayChatOptions()
        : base(DefaultModelId)
    {
    }

    /// <inheritdoc />
    /// <remarks>The service's docs give its chat base URL as <c>{base_url}/v1</c>; with or without it, requests go to <c>/v1/chat/completions</c>.</remarks>
    protected override string? VersionSegment => "v1";
}

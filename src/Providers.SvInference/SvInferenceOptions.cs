using Providers.Core.OpenAI;

namespace Providers.SvInference;

/// <summary>Settings of the SV inference server (vLLM serving a vision-language model, by default Qwen2.5-VL-72B).</summary>
/// <remarks>Bound from configuration (section <c>Providers:SvInference</c> by default); key names are the property names.</remarks>
public sealed class SvInferenceOptions : OpenAICompatibleChatOptions
{
    /// <summary>The model the service documents: <c>Qwen/Qwen2.5-VL-72B-Instruct</c>.</summary>
    public const string DefaultModelId = "Qwen/Qwen2.5-VL-72B-Instruct";

    /// <summary>Initializes a new instance with <see cref="DefaultModelId"/>.</summary>
    public SvInferenceOptions()
        : base(DefaultModelId)
    {
    }

    /// <inheritdoc />
    /// <remarks>The service's docs give its chat base URL as <c>{base_url}/v1</c>; with or without it, requests go to <c>/v1/chat/completions</c>.</remarks>
    protected override string? VersionSegment => "v1";
}

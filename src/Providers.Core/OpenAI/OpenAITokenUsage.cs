using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>Token counts as OpenAI-style services report them, in chat and embedding answers alike.</summary>
internal sealed class TokenUsage
{
    [JsonPropertyName("prompt_tokens")]
    public long? PromptTokens { get; set; }

    [JsonPropertyName("completion_tokens")]
    public long? CompletionTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    public long? TotalTokens { get; set; }

    [JsonPropertyName("prompt_tokens_details")]
    public PromptTokenDetails? PromptDetails { get; set; }

    [JsonPropertyName("completion_tokens_details")]
    public CompletionTokenDetails? CompletionDetails { get; set; }

    public UsageDetails ToUsageDetails() => new()
    {
        InputTokenCount = PromptTokens,
        OutputTokenCount = CompletionTokens,
        TotalTokenCount = TotalTokens,
        CachedInputTokenCount = PromptDetails?.CachedTokens,
        ReasoningTokenCount = CompletionDetails?.ReasoningTokens,
    };
}

internal sealed class PromptTokenDetails
{
    [JsonPropertyName("cached_tokens")]
    public long? CachedTokens { get; set; }
}

internal sealed class CompletionTokenDetails
{
    [JsonPropertyName("reasoning_tokens")]
    public long? ReasoningTokens { get; set; }
}

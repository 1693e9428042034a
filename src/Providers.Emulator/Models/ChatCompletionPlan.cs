namespace Providers.Emulator.Models;

/// <summary>
/// What the stand-in chat model will say, already cut into stream tokens and fitted to <c>max_tokens</c>.
/// <see cref="Content"/> is null when the budget ran out during reasoning or the model calls a tool.
/// </summary>
internal sealed record ChatCompletionPlan(
    IReadOnlyList<string> Reasoning,
    IReadOnlyList<string>? Content,
    ToolCallPlan? ToolCall,
    string FinishReason,
    int PromptTokens,
    int CompletionTokens)
{
    public string? ReasoningText => Reasoning.Count == 0 ? null : string.Concat(Reasoning);

    public string? ContentText => Content is null ? null : string.Concat(Content);
}

using Providers.Emulator.OpenAi;

namespace Providers.Emulator.Models;

/// <summary>
/// The stand-in chat model behind every chat endpoint: an extractive answer (see <see cref="ExtractiveAnswerer"/>),
/// optional gpt-oss-style reasoning before it, a tool call when asked for one, and a token budget.
/// </summary>
internal static class StandInChatModel
{
    private const int TokensPerMessage = 3;
    private const int TokensPerImage = 256;

    /// <param name="request">The chat request.</param>
    /// <param name="reasoning">How hard a reasoning model thinks first; null for a model that does not reason.</param>
    /// <param name="imageNotes">What a vision model sees in the request's images.</param>
    public static ChatCompletionPlan Respond(ChatRequest request, ReasoningEffort? reasoning, IReadOnlyList<string>? imageNotes = null)
    {
        var toolCall = ToolCallPlanner.Plan(request);
        var (question, rest) = ExtractiveAnswerer.SplitQuestion(request.LastUserText);
        var lastUser = request.Messages.Select((m, i) => (m, i)).LastOrDefault(p => p.m.Role == "user").i;
        var context = request.Messages.Where((m, i) => i != lastUser).Select(m => m.Text).Append(rest);
        var (answer, source) = ExtractiveAnswerer.Answer(question, context);

        string? content = null;
        if (toolCall is null)
        {
            content = imageNotes is { Count: > 0 }
                ? $"I see {string.Join("; ", imageNotes)}." + (source is null ? string.Empty : " " + answer)
                : answer;
        }

        var reasoningTokens = reasoning is { } effort ? ChatTokens.Split(StandInReasoning.Write(effort, question, source, toolCall)) : [];
        var contentTokens = content is null ? null : ChatTokens.Split(content);
        var toolTokens = toolCall is null ? 0 : TextTokens.Count(toolCall.Arguments.ToJsonString()) + 4;
        var promptTokens = request.Messages.Sum(m => TextTokens.Count(m.Text) + TokensPerMessage) + (request.ImageCount * TokensPerImage);
        return FitToBudget(request.MaxTokens, reasoningTokens, contentTokens, toolCall, toolTokens, promptTokens);
    }

    private static ChatCompletionPlan FitToBudget(
        int? maxTokens, List<string> reasoning, List<string>? content, ToolCallPlan? toolCall, int toolTokens, int promptTokens)
    {
        var needed = reasoning.Count + (content?.Count ?? 0) + toolTokens;
        if (maxTokens is not { } budget || needed <= budget)
        {
            return new ChatCompletionPlan(reasoning, content, toolCall, toolCall is null ? "stop" : "tool_calls", promptTokens, needed);
        }

        // Reasoning spends the budget first; vLLM then returns content null with finish_reason "length".
        if (reasoning.Count >= budget)
        {
            return new ChatCompletionPlan(reasoning[..budget], null, null, "length", promptTokens, budget);
        }

        var left = budget - reasoning.Count;
        var truncated = content is null ? null : content[..Math.Min(left, content.Count)];
        return new ChatCompletionPlan(reasoning, truncated, null, "length", promptTokens, budget);
    }
}

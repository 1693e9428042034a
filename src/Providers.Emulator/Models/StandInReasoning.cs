namespace Providers.Emulator.Models;

/// <summary>The <c>reasoning_effort</c> a gpt-oss request asks for.</summary>
internal enum ReasoningEffort
{
    Low,
    Medium,
    High,
}

/// <summary>
/// The gpt-oss stand-in's reasoning, as long as the request's <c>reasoning_effort</c> asks: low is one short
/// sentence, medium (the model's default) says what it found and what it will do, high adds a sentence checking
/// it. The lengths differ so that a client test can tell which effort reached the server.
/// </summary>
internal static class StandInReasoning
{
    /// <summary>Reads <c>reasoning_effort</c>: absent is medium; anything but low, medium or high is refused.</summary>
    public static bool TryParseEffort(string? value, out ReasoningEffort effort)
    {
        (var known, effort) = value switch
        {
            null or "medium" => (true, ReasoningEffort.Medium),
            "low" => (true, ReasoningEffort.Low),
            "high" => (true, ReasoningEffort.High),
            _ => (false, ReasoningEffort.Medium),
        };
        return known;
    }

    public static string Write(ReasoningEffort effort, string question, string? source, ToolCallPlan? toolCall)
    {
        if (toolCall is not null)
        {
            return effort switch
            {
                ReasoningEffort.Low => $"I will call {toolCall.Name}.",
                ReasoningEffort.Medium => $"The user asks for the {toolCall.Name} tool. I will call it.",
                _ => $"The user asks for the {toolCall.Name} tool. I will call it. Its arguments come from the user's message: {toolCall.Arguments.ToJsonString()}.",
            };
        }

        if (source is null)
        {
            return effort switch
            {
                ReasoningEffort.Low => "Nothing in the context matches.",
                ReasoningEffort.Medium => $"The user asks: \"{question}\". Nothing in the context matches, so I should say so.",
                _ => $"The user asks: \"{question}\". Nothing in the context matches, so I should say so. I checked every sentence of the context for the question's content words and found none.",
            };
        }

        return effort switch
        {
            ReasoningEffort.Low => $"The context says: \"{source}\".",
            ReasoningEffort.Medium => $"The user asks: \"{question}\". The context says: \"{source}\". I will answer with that.",
            _ => $"The user asks: \"{question}\". The context says: \"{source}\". I will answer with that. Checking: "
                + (ExtractiveAnswerer.SharedWords(question, source) is { Count: > 0 } shared
                    ? $"it shares {string.Join(", ", shared.Select(w => $"\"{w}\""))} with the question, more than any other sentence."
                    : QuestionReading.Of(question).Kind == AnswerKind.Name
                        ? "it names someone, as the question asks who."
                        : "it states the quantity the question asks for."),
        };
    }
}

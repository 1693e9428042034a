using Microsoft.Extensions.AI;

namespace Providers.Spirit;

/// <summary>
/// Ollama's answer to <c>/api/generate</c>, whole or one piece of its stream. Every piece carries its text; the last
/// (<see cref="Done"/>) carries the reason it ended, the context to continue from, token counts and timings.
/// </summary>
public sealed class SpiritOllamaGenerateResponse
{
    /// <summary>Gets the model that answered.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets when the worker wrote this answer or piece.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the generated text: all of it for a whole answer, this piece's for a streamed one.</summary>
    public required string Text { get; init; }

    /// <summary>Gets a thinking model's thoughts, when the request asked for them.</summary>
    public string? Thinking { get; init; }

    /// <summary>Gets whether this is the whole answer or the stream's last piece.</summary>
    public bool Done { get; init; }

    /// <summary>Gets why generation stopped: <c>stop</c>, <c>length</c>, ...; on the last piece only.</summary>
    public string? DoneReason { get; init; }

    /// <summary>Gets the conversation state to pass as <see cref="SpiritOllamaGenerateRequest.Context"/> to continue.</summary>
    public IReadOnlyList<long>? Context { get; init; }

    /// <summary>Gets the prompt and completion token counts, on the last piece.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets the call's whole time in the worker.</summary>
    public TimeSpan? TotalDuration { get; init; }

    /// <summary>Gets the time spent loading the model.</summary>
    public TimeSpan? LoadDuration { get; init; }

    /// <summary>Gets the time spent reading the prompt.</summary>
    public TimeSpan? PromptEvalDuration { get; init; }

    /// <summary>Gets the time spent generating.</summary>
    public TimeSpan? EvalDuration { get; init; }
}

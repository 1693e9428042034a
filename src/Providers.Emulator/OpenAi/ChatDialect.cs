using Providers.Emulator.Errors;

namespace Providers.Emulator.OpenAi;

/// <summary>
/// How one server family writes OpenAI chat completions.
/// </summary>
/// <param name="Errors">Its error shape (also used for mid-stream error frames).</param>
/// <param name="OmitNullsInChunks">LiteLLM leaves null fields out of stream chunks; vLLM sends them.</param>
/// <param name="UsageChunkKeepsChoice">LiteLLM's usage chunk carries <c>choices:[{"index":0,"delta":{}}]</c> instead of <c>[]</c>.</param>
/// <param name="ReasoningField">Where reasoning goes (<c>reasoning</c> or <c>reasoning_content</c>); null for a model that does not reason.</param>
/// <param name="UnknownModel">The status and message for a model the server does not serve.</param>
internal sealed record ChatDialect(
    ErrorShape Errors,
    bool OmitNullsInChunks,
    bool UsageChunkKeepsChoice,
    string? ReasoningField,
    Func<string, (int Status, string Message)> UnknownModel)
{
    public static (int Status, string Message) VllmUnknownModel(string model) => (404, $"The model `{model}` does not exist.");
}

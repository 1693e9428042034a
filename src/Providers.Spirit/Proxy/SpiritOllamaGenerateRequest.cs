using System.Text.Json;

namespace Providers.Spirit;

/// <summary>One completion asked of Ollama's <c>POST /api/generate</c>: a prompt, not a conversation.</summary>
public sealed class SpiritOllamaGenerateRequest
{
    /// <summary>Gets the prompt to complete.</summary>
    public required string Prompt { get; init; }

    /// <summary>Gets the model; <see langword="null"/> for <see cref="SpiritProxyOptions.ModelId"/>.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the system prompt, replacing the one in the model's template.</summary>
    public string? System { get; init; }

    /// <summary>Gets the text after the completion, for fill-in-the-middle with models that support it.</summary>
    public string? Suffix { get; init; }

    /// <summary>
    /// Gets the <see cref="SpiritOllamaGenerateResponse.Context"/> of an earlier answer, to continue from it without
    /// sending it again.
    /// </summary>
    public IReadOnlyList<long>? Context { get; init; }

    /// <summary>Gets whether to send the prompt as is, without the model's template.</summary>
    public bool? Raw { get; init; }

    /// <summary>Gets the answer's format: the JSON string <c>"json"</c>, or a JSON schema.</summary>
    public JsonElement? Format { get; init; }

    /// <summary>Gets Ollama's model parameters, such as <c>temperature</c>, <c>num_predict</c> or <c>num_ctx</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Options { get; init; }

    /// <summary>Gets whether a thinking model thinks first (its thoughts arrive in <see cref="SpiritOllamaGenerateResponse.Thinking"/>).</summary>
    public bool? Think { get; init; }

    /// <summary>Gets how long the model stays loaded after the call, as Ollama writes it: <c>"5m"</c>, <c>"0"</c>.</summary>
    public string? KeepAlive { get; init; }

    /// <summary>Gets images for a multimodal model, as encoded files (PNG, JPEG).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>>? Images { get; init; }
}

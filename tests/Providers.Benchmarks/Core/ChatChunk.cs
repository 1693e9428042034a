using System.Text.Json.Serialization;

namespace Providers.Benchmarks.Core;

/// <summary>A streamed chat chunk shaped like vLLM's and LiteLLM's (<c>chat.completion.chunk</c>), null fields omitted.</summary>
public sealed record ChatChunk(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("choices")] IReadOnlyList<ChatChunkChoice> Choices);

/// <summary>One choice of a <see cref="ChatChunk"/>.</summary>
public sealed record ChatChunkChoice(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("delta")] ChatChunkDelta Delta,
    [property: JsonPropertyName("finish_reason")] string? FinishReason);

/// <summary>The new text of a <see cref="ChatChunkChoice"/>.</summary>
public sealed record ChatChunkDelta(
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("content")] string? Content);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatChunk))]
internal sealed partial class ChatChunkJsonContext : JsonSerializerContext;

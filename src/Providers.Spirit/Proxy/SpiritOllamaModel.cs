using System.Text.Json.Serialization;

namespace Providers.Spirit;

/// <summary>A model an Ollama worker has pulled, as <c>GET /api/tags</c> lists it.</summary>
public sealed class SpiritOllamaModel
{
    /// <summary>Gets the name to call the model by, with its tag, such as <c>llama3.2:latest</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Gets the model's id; Ollama sends the same value as <see cref="Name"/>.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Gets when the model was last pulled or changed.</summary>
    [JsonPropertyName("modified_at")]
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>Gets the model's size on disk, in bytes.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>Gets the digest of the model's manifest.</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    /// <summary>Gets the model's format, family, size in parameters and quantization.</summary>
    [JsonPropertyName("details")]
    public SpiritOllamaModelDetails? Details { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name ?? Model ?? "(unnamed model)";
}

/// <summary>What <c>/api/tags</c> tells of a model beyond its name.</summary>
public sealed class SpiritOllamaModelDetails
{
    /// <summary>Gets the model this one was made from, if any.</summary>
    [JsonPropertyName("parent_model")]
    public string? ParentModel { get; init; }

    /// <summary>Gets the weights' file format, such as <c>gguf</c>.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>Gets the model family, such as <c>llama</c>.</summary>
    [JsonPropertyName("family")]
    public string? Family { get; init; }

    /// <summary>Gets every family the model belongs to.</summary>
    [JsonPropertyName("families")]
    public IReadOnlyList<string>? Families { get; init; }

    /// <summary>Gets the size in parameters as Ollama writes it, such as <c>3.2B</c>.</summary>
    [JsonPropertyName("parameter_size")]
    public string? ParameterSize { get; init; }

    /// <summary>Gets the quantization, such as <c>Q4_K_M</c>.</summary>
    [JsonPropertyName("quantization_level")]
    public string? QuantizationLevel { get; init; }
}

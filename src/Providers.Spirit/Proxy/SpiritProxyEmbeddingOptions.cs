namespace Providers.Spirit;

/// <summary>
/// Settings of the embedding generators for a Spirit-GPU proxy-mode endpoint (<see cref="SpiritProxyEmbeddingGenerator"/>
/// on the OpenAI route, <see cref="SpiritOllamaEmbeddingGenerator"/> on Ollama's): the shared Spirit settings plus the
/// embedding model.
/// </summary>
public sealed class SpiritProxyEmbeddingOptions : SpiritOptions
{
    /// <summary>The embedding model Ollama's documentation uses: <c>nomic-embed-text</c>.</summary>
    public const string DefaultModelId = "nomic-embed-text";

    /// <summary>Gets or sets the embedding model the worker serves, used when a call names none. Default <see cref="DefaultModelId"/>.</summary>
    public string ModelId { get; set; } = DefaultModelId;

    /// <summary>Gets or sets the length of the model's vectors, if known; reported in metadata.</summary>
    public int? Dimensions { get; set; }

    /// <inheritdoc />
    public override IEnumerable<string> GetValidationErrors()
    {
        foreach (string error in base.GetValidationErrors())
        {
            yield return error;
        }

        if (string.IsNullOrWhiteSpace(ModelId))
        {
            yield return "SpiritProxyEmbeddingOptions.ModelId must not be empty.";
        }

        if (Dimensions is <= 0)
        {
            yield return $"SpiritProxyEmbeddingOptions.Dimensions must be positive when set; got {Dimensions}.";
        }
    }
}

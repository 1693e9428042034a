namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// Whether a text is a search query or a document: retrieval models such as arctic-embed put a prefix before queries
/// only. Choose it per call with <see cref="SentenceTransformerModelSettings.InputTypeProperty"/> in
/// <c>EmbeddingGenerationOptions.AdditionalProperties</c>.
/// </summary>
public enum SentenceInputType
{
    /// <summary>A passage to be found; gets the model's document prefix, if any.</summary>
    Document,

    /// <summary>A question to search with; gets the model's query prefix, if any.</summary>
    Query,
}

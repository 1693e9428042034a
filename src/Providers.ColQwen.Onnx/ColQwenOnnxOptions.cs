using Microsoft.ML.OnnxRuntime;

namespace Providers.ColQwen.Onnx;

/// <summary>Where the exported ColQwen2.5 model lies and how to run it.</summary>
/// <remarks>
/// The model folder is what <c>tools/colqwen-onnx/export.py</c> writes: <c>document.onnx</c>, <c>query.onnx</c>, their
/// weights, and the Qwen2 tokenizer files (<c>vocab.json</c> + <c>merges.txt</c> + <c>tokenizer_config.json</c>, or
/// <c>tokenizer.json</c>). The defaults match <c>vidore/colqwen2.5-v0.2</c> as colpali_engine runs it.
/// </remarks>
public sealed class ColQwenOnnxOptions
{
    /// <summary>The smallest area a page is resized to: ColQwen's processor uses 4 × 28 × 28.</summary>
    public const int DefaultMinPixels = 4 * 28 * 28;

    /// <summary>The largest area a page is resized to: ColQwen's processor uses 768 × 28 × 28 (768 image tokens).</summary>
    public const int DefaultMaxPixels = 768 * 28 * 28;

    /// <summary>Gets or sets the folder holding the graphs and the tokenizer files.</summary>
    public string ModelDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the file name of the page graph inside <see cref="ModelDirectory"/>.</summary>
    public string DocumentModelFile { get; set; } = "document.onnx";

    /// <summary>Gets or sets the file name of the query graph inside <see cref="ModelDirectory"/>.</summary>
    public string QueryModelFile { get; set; } = "query.onnx";

    /// <summary>Gets or sets the model id reported in metadata and on every embedding.</summary>
    public string ModelId { get; set; } = "vidore/colqwen2.5-v0.2";

    /// <summary>Gets or sets the length of each token vector the graphs must produce.</summary>
    public int Dimensions { get; set; } = 128;

    /// <summary>Gets or sets the smallest area, in pixels, a page is resized to (Qwen2-VL's <c>min_pixels</c>).</summary>
    public int MinPixels { get; set; } = DefaultMinPixels;

    /// <summary>Gets or sets the largest area, in pixels, a page is resized to (Qwen2-VL's <c>max_pixels</c>).</summary>
    public int MaxPixels { get; set; } = DefaultMaxPixels;

    /// <summary>
    /// Gets or sets the text put before every query. colpali_engine before 0.3.10 used <c>"Query: "</c>, which
    /// <c>vidore/colqwen2.5-v0.2</c> was trained with; newer colpali versions use none (set an empty string).
    /// </summary>
    public string QueryPrefix { get; set; } = "Query: ";

    /// <summary>Gets or sets how many <c>&lt;|endoftext|&gt;</c> augmentation tokens follow every query (colpali: 10).</summary>
    public int QueryAugmentationTokens { get; set; } = 10;

    /// <summary>Gets or sets the most pages of one grid sent through the page graph in one run.</summary>
    public int MaxPagesPerBatch { get; set; } = 4;

    /// <summary>Gets or sets the most queries sent through the query graph in one run.</summary>
    public int MaxQueriesPerBatch { get; set; } = 32;

    /// <summary>Gets or sets where the graphs run.</summary>
    public ColQwenExecutionProvider ExecutionProvider { get; set; } = ColQwenExecutionProvider.Auto;

    /// <summary>Gets or sets the CUDA device the graphs run on when CUDA is used.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Gets or sets the threads one graph run may use on the CPU; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Gets or sets how much ONNX Runtime rewrites the graphs when it loads them.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    internal ColQwenOnnxOptions Snapshot() => (ColQwenOnnxOptions)MemberwiseClone();

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            throw new ArgumentException("ModelDirectory must name the folder holding the exported ColQwen graphs.", nameof(ModelDirectory));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(DocumentModelFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(QueryModelFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelId);
        ArgumentNullException.ThrowIfNull(QueryPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Dimensions);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinPixels, 28 * 28);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, MinPixels);
        ArgumentOutOfRangeException.ThrowIfNegative(QueryAugmentationTokens);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPagesPerBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueriesPerBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(CudaDeviceId);
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
    }
}

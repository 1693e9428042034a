using Providers.Core;
using Microsoft.ML.OnnxRuntime;

namespace Providers.ColQwen.Onnx;

/// <summary>Where the exported ColQwen2.5 model lies and how to run it.</summary>
/// <remarks>
/// The model folder is what <c>tools/colqwen-onnx/export.py</c> writes: <c>vision.onnx</c>, <c>embed.onnx</c>,
/// <c>decoder.onnx</c> (one language model shared by pages and queries), their weights, and the Qwen2 tokenizer files (<c>vocab.json</c> + <c>merges.txt</c> + <c>tokenizer_config.json</c>, or
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

    /// <summary>Gets or sets the file name of the vision graph (pages only) inside <see cref="ModelDirectory"/>.</summary>
    public string VisionModelFile { get; set; } = "vision.onnx";

    /// <summary>Gets or sets the file name of the token embedding graph inside <see cref="ModelDirectory"/>.</summary>
    public string EmbedModelFile { get; set; } = "embed.onnx";

    /// <summary>Gets or sets the file name of the decoder graph, shared by pages and queries, inside <see cref="ModelDirectory"/>.</summary>
    public string DecoderModelFile { get; set; } = "decoder.onnx";

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

    /// <summary>Gets or sets the CUDA device the graphs run on when CUDA is used (CUDA's <c>device_id</c>).</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>
    /// Gets or sets the most GPU memory, in bytes, ONNX Runtime's CUDA arena may hold for each graph (<c>gpu_mem_limit</c>);
    /// 0 = no limit. Set it when the GPU is shared with another process.
    /// </summary>
    public long GpuMemoryLimitBytes { get; set; }

    /// <summary>Gets or sets how the CUDA memory arena grows (<c>arena_extend_strategy</c>).</summary>
    public ColQwenArenaExtendStrategy ArenaExtendStrategy { get; set; } = ColQwenArenaExtendStrategy.NextPowerOfTwo;

    /// <summary>Gets or sets how cuDNN picks convolution algorithms for the patch embedding (<c>cudnn_conv_algo_search</c>).</summary>
    public ColQwenCudnnConvolutionSearch CudnnConvolutionSearch { get; set; } = ColQwenCudnnConvolutionSearch.Heuristic;

    /// <summary>
    /// Gets or sets whether float32 matrix products may use TF32 tensor cores on Ampere and newer GPUs (<c>use_tf32</c>):
    /// faster, about 1e-3 relative error. Turn it off for bit-level comparisons with a float32 reference.
    /// </summary>
    public bool UseTf32 { get; set; } = true;

    /// <summary>
    /// Gets or sets whether, on CUDA, the tensors passed between the three graphs stay in GPU memory and the pixels
    /// and the output cross to and from the GPU through pinned host buffers (IO binding). Ignored on the CPU.
    /// </summary>
    public bool UseDeviceIoBinding { get; set; }

    /// <summary>
    /// Gets or sets a folder where each graph is saved after ONNX Runtime's optimisations, per execution provider,
    /// optimisation level and ONNX Runtime version, and loaded from on later starts (skipping the optimisation
    /// time); null = no cache. The folder must be writable; delete it after re-exporting the model.
    /// </summary>
    public string? OptimizedModelCacheDirectory { get; set; }

    /// <summary>Gets or sets the threads one graph run may use on the CPU; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Gets or sets how much ONNX Runtime rewrites the graphs when it loads them.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    internal ColQwenOnnxOptions Snapshot() => (ColQwenOnnxOptions)MemberwiseClone();

    /// <summary>Gets the limits on fetching pages given as <c>file:</c> or http(s) addresses.</summary>
    public ImageDownloadOptions ImageDownload { get; } = new();

    internal void Validate()
    {
        if (ImageDownload.GetValidationErrors(nameof(ColQwenOnnxOptions)).FirstOrDefault() is { } imageDownloadProblem)
        {
            throw new ArgumentException(imageDownloadProblem, nameof(ImageDownload));
        }

        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            throw new ArgumentException("ModelDirectory must name the folder holding the exported ColQwen graphs.", nameof(ModelDirectory));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(VisionModelFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(EmbedModelFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(DecoderModelFile);
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
        ArgumentOutOfRangeException.ThrowIfNegative(GpuMemoryLimitBytes);
        if (!Enum.IsDefined(ArenaExtendStrategy) || !Enum.IsDefined(CudnnConvolutionSearch))
        {
            throw new ArgumentOutOfRangeException(nameof(ArenaExtendStrategy), "ArenaExtendStrategy and CudnnConvolutionSearch must be defined values.");
        }
    }
}

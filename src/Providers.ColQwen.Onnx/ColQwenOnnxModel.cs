using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Providers.ColQwen.Onnx.Imaging;
using Providers.ColQwen.Onnx.Inference;
using Providers.ColQwen.Onnx.Tokenization;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>
/// An exported ColQwen2.5 loaded in-process: its tokenizer, its image preprocessing and one ONNX Runtime session per
/// graph. Thread-safe; share one instance between the page and the query generators.
/// </summary>
/// <remarks>
/// The tokenizer is read when the model is constructed; each graph is loaded on first use, so a process that only
/// indexes pages never loads the query graph and a search process never loads the page graph. Disposing releases
/// the sessions' native memory; do not dispose while calls are running.
/// </remarks>
public sealed class ColQwenOnnxModel : IDisposable
{
    private readonly ColQwenOnnxOptions _options;
    private readonly ColQwenTokenizer _tokenizer;
    private readonly Qwen2VLImageProcessor _images;
    private readonly Lazy<(OnnxGraph Graph, int WindowSize)> _document;
    private readonly Lazy<OnnxGraph> _query;
    private int _disposed;

    /// <summary>Initializes a new instance and reads the tokenizer from the model folder.</summary>
    /// <param name="options">Where the model lies and how to run it; read once, here.</param>
    /// <param name="logger">Receives which execution provider each graph runs on, and why CPU when CUDA was wanted.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="ColQwenModelException">The folder or its tokenizer files are missing or unusable.</exception>
    public ColQwenOnnxModel(ColQwenOnnxOptions options, ILogger<ColQwenOnnxModel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Snapshot();
        if (!Directory.Exists(_options.ModelDirectory))
        {
            throw new ColQwenModelException(_options.ModelDirectory, $"The model folder '{_options.ModelDirectory}' does not exist.");
        }

        ILogger log = logger ?? (ILogger)NullLogger.Instance;
        _tokenizer = ColQwenTokenizer.Load(_options.ModelDirectory);
        _images = new Qwen2VLImageProcessor(_options.MinPixels, _options.MaxPixels);
        _document = new(() => LoadDocumentGraph(log), LazyThreadSafetyMode.ExecutionAndPublication);
        _query = new(() => OnnxGraph.Load(GraphPath(_options.QueryModelFile), GraphContract.Query, _options, log),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the model id reported on every embedding.</summary>
    public string ModelId => _options.ModelId;

    /// <summary>Gets the length of each token vector.</summary>
    public int Dimensions => _options.Dimensions;

    /// <summary>Gets the folder the model was loaded from.</summary>
    public string ModelDirectory => _options.ModelDirectory;

    /// <summary>Embeds pages, in order: one multi-vector embedding per page, with the span and grid of its image tokens.</summary>
    internal MultiVectorEmbedding[] EmbedPages(IReadOnlyList<ReadOnlyMemory<byte>> pages, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var grids = new PatchGrid[pages.Count];
        for (int i = 0; i < pages.Count; i++)
        {
            grids[i] = _images.Inspect(pages[i].Span, i);
        }

        var results = new MultiVectorEmbedding[pages.Count];
        foreach (int[] batch in PageBatchPlanner.Plan(grids, _options.MaxPagesPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var embeddings = RunPageBatch(pages, batch, grids[batch[0]], cancellationToken);
            for (int j = 0; j < batch.Length; j++)
            {
                results[batch[j]] = embeddings[j];
            }
        }

        return results;
    }

    /// <summary>Embeds queries, in order, each formatted as colpali formats queries.</summary>
    internal MultiVectorEmbedding[] EmbedQueries(IReadOnlyList<string> queries, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var sequences = queries
            .Select(query => _tokenizer.EncodeQuery(query, _options.QueryPrefix, _options.QueryAugmentationTokens))
            .ToArray();

        // Queries of similar length share a batch, so little of each run is spent on padding.
        var results = new MultiVectorEmbedding[queries.Count];
        var byLength = Enumerable.Range(0, queries.Count).OrderBy(i => sequences[i].Length);
        foreach (int[] batch in byLength.Chunk(_options.MaxQueriesPerBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokens = TokenBatch.LeftPadded(batch.Select(i => sequences[i]).ToArray(), _tokenizer.Special.EndOfText);
            var positions = MultimodalPositions.Build(tokens, _tokenizer.Special.ImagePad, grid: null);
            using var ids = OrtValue.CreateTensorValueFromMemory(tokens.InputIds, tokens.Shape);
            using var mask = OrtValue.CreateTensorValueFromMemory(tokens.AttentionMask, tokens.Shape);
            using var positionIds = OrtValue.CreateTensorValueFromMemory(positions, [3, tokens.Count, tokens.Length]);
            MultiVectorEmbedding[] embeddings = [];
            _query.Value.Run(
                [("input_ids", ids), ("attention_mask", mask), ("position_ids", positionIds)],
                (output, shape) => embeddings = EmbeddingRows.Extract(output, shape, tokens, Dimensions, "query", ModelId, layout: null),
                cancellationToken);
            for (int j = 0; j < batch.Length; j++)
            {
                results[batch[j]] = embeddings[j];
            }
        }

        return results;
    }

    /// <summary>Releases both sessions' native memory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_document.IsValueCreated)
        {
            _document.Value.Graph.Dispose();
        }

        if (_query.IsValueCreated)
        {
            _query.Value.Dispose();
        }
    }

    private MultiVectorEmbedding[] RunPageBatch(
        IReadOnlyList<ReadOnlyMemory<byte>> pages, int[] batch, PatchGrid grid, CancellationToken cancellationToken)
    {
        var (graph, windowSize) = _document.Value;
        int valuesPerPage = grid.ValueCount;
        float[] pixels = ArrayPool<float>.Shared.Rent(batch.Length * valuesPerPage);
        try
        {
            // Pages decode and resize independently: one per core, each straight into its slice of the batch.
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, j =>
                _images.Preprocess(pages[batch[j]].Span, grid, pixels.AsSpan(j * valuesPerPage, valuesPerPage), batch[j]));

            int[] prompt = _tokenizer.EncodePage(grid.TokenCount);
            var tokens = TokenBatch.LeftPadded(Enumerable.Repeat(prompt, batch.Length).ToArray(), _tokenizer.Special.EndOfText);
            var positions = MultimodalPositions.Build(tokens, _tokenizer.Special.ImagePad, grid);
            var vision = VisionIndices.For(grid, windowSize);

            using var ids = OrtValue.CreateTensorValueFromMemory(tokens.InputIds, tokens.Shape);
            using var mask = OrtValue.CreateTensorValueFromMemory(tokens.AttentionMask, tokens.Shape);
            using var positionIds = OrtValue.CreateTensorValueFromMemory(positions, [3, tokens.Count, tokens.Length]);
            using var pixelValues = OrtValue.CreateTensorValueFromMemory(
                OrtMemoryInfo.DefaultInstance, pixels.AsMemory(0, batch.Length * valuesPerPage),
                [batch.Length, grid.PatchCount, PatchGrid.ValuesPerPatch]);
            using var visionPositions = OrtValue.CreateTensorValueFromMemory(vision.PositionIds, [grid.PatchCount, 2]);
            using var windowIndex = OrtValue.CreateTensorValueFromMemory(vision.WindowIndex, [grid.TokenCount]);
            using var windowSegments = OrtValue.CreateTensorValueFromMemory(vision.WindowSegmentIds, [grid.PatchCount]);

            var layout = new ImagePatchLayout(_tokenizer.PageImageStart, grid.TokenCount, grid.MergedWidth, grid.MergedHeight);
            MultiVectorEmbedding[] embeddings = [];
            graph.Run(
                [
                    ("input_ids", ids), ("attention_mask", mask), ("position_ids", positionIds), ("pixel_values", pixelValues),
                    ("vision_position_ids", visionPositions), ("window_index", windowIndex), ("window_segment_ids", windowSegments),
                ],
                (output, shape) => embeddings = EmbeddingRows.Extract(output, shape, tokens, Dimensions, "document", ModelId, layout),
                cancellationToken);
            return embeddings;
        }
        catch (AggregateException e) when (e.InnerException is PageImageException inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pixels);
        }
    }

    private (OnnxGraph Graph, int WindowSize) LoadDocumentGraph(ILogger logger)
    {
        string path = GraphPath(_options.DocumentModelFile);
        var graph = OnnxGraph.Load(path, GraphContract.Document, _options, logger);
        var metadata = graph.Metadata;
        var problems = new List<string>();
        if (GraphContract.ReadInt(metadata, "colqwen.image_token_id") is not { } imageToken || imageToken != _tokenizer.Special.ImagePad)
        {
            problems.Add($"metadata 'colqwen.image_token_id' must be the tokenizer's <|image_pad|> id {_tokenizer.Special.ImagePad}");
        }

        foreach (var (key, value) in new[] { ("colqwen.patch_size", PatchGrid.PatchSize), ("colqwen.merge_size", PatchGrid.MergeSize), ("colqwen.temporal_patch_size", PatchGrid.TemporalPatchSize) })
        {
            if (GraphContract.ReadInt(metadata, key) != value)
            {
                problems.Add($"metadata '{key}' must be {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        int? windowSize = GraphContract.ReadInt(metadata, "colqwen.window_size");
        if (windowSize is not { } window || window <= 0 || window % PatchGrid.Factor != 0)
        {
            problems.Add("metadata 'colqwen.window_size' must be a positive multiple of 28 (112 for Qwen2.5-VL)");
        }

        if (problems.Count > 0)
        {
            graph.Dispose();
            throw new ColQwenModelException(path, $"'{path}' does not match this model folder: {string.Join("; ", problems)}.");
        }

        return (graph, windowSize!.Value);
    }

    private string GraphPath(string file) => Path.Combine(_options.ModelDirectory, file);
}

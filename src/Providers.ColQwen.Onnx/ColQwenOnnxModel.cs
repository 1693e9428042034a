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
/// graph: the vision tower, the token embedding and one decoder that pages and queries share. Thread-safe; share one
/// instance between the page and the query generators.
/// </summary>
/// <remarks>
/// The tokenizer is read when the model is constructed; each graph is loaded on first use, so a process that only
/// searches never loads the vision tower. Disposing releases the sessions' native memory; do not dispose while calls
/// are running.
/// </remarks>
public sealed class ColQwenOnnxModel : IDisposable
{
    private readonly ColQwenOnnxOptions _options;
    private readonly ColQwenTokenizer _tokenizer;
    private readonly Qwen2VLImageProcessor _images;
    private readonly Lazy<(OnnxGraph Graph, int WindowSize)> _vision;
    private readonly Lazy<OnnxGraph> _embed;
    private readonly Lazy<OnnxGraph> _decoder;
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
        long modelBytes = new DirectoryInfo(_options.ModelDirectory).EnumerateFiles().Sum(file => file.Length);
        OnnxGraph Load(string file, GraphContract contract) => OnnxGraph.Load(GraphPath(file), contract, _options, modelBytes, log);
        _vision = new(() => CheckVision(Load(_options.VisionModelFile, GraphContract.Vision)), LazyThreadSafetyMode.ExecutionAndPublication);
        _embed = new(() => CheckEmbed(Load(_options.EmbedModelFile, GraphContract.Embed)), LazyThreadSafetyMode.ExecutionAndPublication);
        _decoder = new(() => Load(_options.DecoderModelFile, GraphContract.Decoder), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the model id reported on every embedding.</summary>
    public string ModelId => _options.ModelId;

    /// <summary>Gets the length of each token vector.</summary>
    public int Dimensions => _options.Dimensions;

    /// <summary>Gets the folder the model was loaded from.</summary>
    public string ModelDirectory => _options.ModelDirectory;

    /// <summary>Embeds pages, in order: one multi-vector embedding per page, with the span and grid of its image tokens.</summary>
    /// <summary>Gets the limits on fetching pages given by address.</summary>
    internal ImageDownloadOptions ImageDownload => _options.ImageDownload;

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
            var embed = _embed.Value;
            using var noImages = RealTensors.Empty([tokens.Count, 0, embed.OutputDimensions[2]], embed.InputType("image_embeds"));
            var embeddings = Decode(tokens, noImages, layout: null, cancellationToken);
            for (int j = 0; j < batch.Length; j++)
            {
                results[batch[j]] = embeddings[j];
            }
        }

        return results;
    }

    /// <summary>Releases the sessions' native memory.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_vision.IsValueCreated)
        {
            _vision.Value.Graph.Dispose();
        }

        foreach (var graph in new[] { _embed, _decoder }.Where(graph => graph.IsValueCreated))
        {
            graph.Value.Dispose();
        }
    }

    private MultiVectorEmbedding[] RunPageBatch(
        IReadOnlyList<ReadOnlyMemory<byte>> pages, int[] batch, PatchGrid grid, CancellationToken cancellationToken)
    {
        var (vision, windowSize) = _vision.Value;
        var embed = _embed.Value;
        int valuesPerPage = grid.ValueCount;
        float[] pixels = ArrayPool<float>.Shared.Rent(batch.Length * valuesPerPage);
        try
        {
            // Pages decode and resize independently: one per core, each straight into its slice of the batch.
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, j =>
                _images.Preprocess(pages[batch[j]].Span, grid, pixels.AsSpan(j * valuesPerPage, valuesPerPage), batch[j]));

            var indices = VisionIndices.For(grid, windowSize);
            using var pixelValues = RealTensors.From(
                pixels.AsMemory(0, batch.Length * valuesPerPage), [batch.Length, grid.PatchCount, PatchGrid.ValuesPerPatch],
                vision.InputType("pixel_values"), vision.InputAllocator);
            using var visionPositions = OrtValue.CreateTensorValueFromMemory(indices.PositionIds, [grid.PatchCount, 2]);
            using var windowIndex = OrtValue.CreateTensorValueFromMemory(indices.WindowIndex, [grid.TokenCount]);
            using var windowPatches = OrtValue.CreateTensorValueFromMemory(indices.WindowPatches, [indices.WindowCount, indices.WindowLength]);
            var imageType = embed.InputType("image_embeds");
            using var imageTokens = vision.Run(
                [("pixel_values", pixelValues), ("vision_position_ids", visionPositions), ("window_index", windowIndex), ("window_patches", windowPatches)],
                cancellationToken,
                feedsGraph: vision.OutputType == imageType);
            using var converted = RealTensors.ConvertIfNeeded(imageTokens[0], imageType);

            int[] prompt = _tokenizer.EncodePage(grid.TokenCount);
            var tokens = TokenBatch.LeftPadded(Enumerable.Repeat(prompt, batch.Length).ToArray(), _tokenizer.Special.EndOfText);
            var layout = new ImagePatchLayout(_tokenizer.PageImageStart, grid.TokenCount, grid.MergedWidth, grid.MergedHeight);
            return Decode(tokens, converted ?? imageTokens[0], layout, cancellationToken, grid);
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

    /// <summary>Token embeddings with each row's image tokens put in place, then the shared decoder.</summary>
    private MultiVectorEmbedding[] Decode(
        TokenBatch tokens, OrtValue imageTokens, ImagePatchLayout? layout, CancellationToken cancellationToken, PatchGrid? grid = null)
    {
        var embed = _embed.Value;
        var decoder = _decoder.Value;
        var embedsType = decoder.InputType("inputs_embeds");
        using var ids = OrtValue.CreateTensorValueFromMemory(tokens.InputIds, tokens.Shape);
        using var inputsEmbeds = embed.Run(
            [("input_ids", ids), ("image_embeds", imageTokens)], cancellationToken, feedsGraph: embed.OutputType == embedsType);
        using var converted = RealTensors.ConvertIfNeeded(inputsEmbeds[0], embedsType);

        var positions = MultimodalPositions.Build(tokens, _tokenizer.Special.ImagePad, grid);
        using var mask = OrtValue.CreateTensorValueFromMemory(tokens.AttentionMask, tokens.Shape);
        using var positionIds = OrtValue.CreateTensorValueFromMemory(positions, [3, tokens.Count, tokens.Length]);
        using var output = decoder.Run(
            [("inputs_embeds", converted ?? inputsEmbeds[0]), ("attention_mask", mask), ("position_ids", positionIds)], cancellationToken);
        return RealTensors.Read(output[0], (values, shape) =>
            EmbeddingRows.Extract(values, shape, tokens, Dimensions, decoder.FileName, ModelId, layout));
    }

    private (OnnxGraph Graph, int WindowSize) CheckVision(OnnxGraph graph)
    {
        var metadata = graph.Metadata;
        var problems = new List<string>();
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

        Refuse(graph, problems);
        return (graph, windowSize!.Value);
    }

    private OnnxGraph CheckEmbed(OnnxGraph graph)
    {
        var problems = new List<string>();
        if (GraphContract.ReadInt(graph.Metadata, "colqwen.image_token_id") is not { } imageToken || imageToken != _tokenizer.Special.ImagePad)
        {
            problems.Add($"metadata 'colqwen.image_token_id' must be the tokenizer's <|image_pad|> id {_tokenizer.Special.ImagePad}");
        }

        Refuse(graph, problems);
        return graph;
    }

    private void Refuse(OnnxGraph graph, List<string> problems)
    {
        if (problems.Count > 0)
        {
            graph.Dispose();
            string path = GraphPath(graph.FileName);
            throw new ColQwenModelException(path, $"'{path}' does not match this model folder: {string.Join("; ", problems)}.");
        }
    }

    private string GraphPath(string file) => Path.Combine(_options.ModelDirectory, file);
}

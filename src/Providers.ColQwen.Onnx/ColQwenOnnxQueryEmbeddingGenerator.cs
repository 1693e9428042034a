using Microsoft.Extensions.Logging;
using Providers.Core;

namespace Providers.ColQwen.Onnx;

/// <summary>
/// Embeds search queries with a local ColQwen2.5 on ONNX Runtime: one <see cref="MultiVectorEmbedding"/> per query,
/// padding rows dropped, ready for MaxSim scoring against the page embeddings.
/// </summary>
/// <remarks>
/// Each query is formatted as colpali formats it (<see cref="ColQwenOnnxOptions.QueryPrefix"/>, the text, then
/// <see cref="ColQwenOnnxOptions.QueryAugmentationTokens"/> × <c>&lt;|endoftext|&gt;</c>) and run through
/// <c>embed.onnx</c> and <c>decoder.onnx</c>, queries of similar length batched together; the results keep the input order.
/// </remarks>
public sealed class ColQwenOnnxQueryEmbeddingGenerator : ColQwenOnnxEmbeddingGenerator<string>
{
    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    public ColQwenOnnxQueryEmbeddingGenerator(ColQwenOnnxModel model)
        : base(model, ownsModel: false)
    {
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model (only the embedding and decoder graphs are ever loaded).</summary>
    /// <param name="options">Where the model lies and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the query graph runs on.</param>
    public ColQwenOnnxQueryEmbeddingGenerator(ColQwenOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : base(new ColQwenOnnxModel(options, loggerFactory?.CreateLogger<ColQwenOnnxModel>()), ownsModel: true)
    {
    }

    private protected override void ThrowIfInvalidInput(string input, int index)
    {
        if (input is null)
        {
            throw new ArgumentException($"Query {index} is null.", "values");
        }
    }

    private protected override Task<MultiVectorEmbedding[]> EmbedAsync(string[] inputs, CancellationToken cancellationToken) =>
        Task.Run(() => Model.EmbedQueries(inputs, cancellationToken), cancellationToken);
}

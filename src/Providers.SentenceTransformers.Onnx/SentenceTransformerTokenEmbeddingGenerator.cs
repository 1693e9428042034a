using Microsoft.Extensions.Logging;
using Providers.Core;
using Providers.SentenceTransformers.Onnx.Inference;

namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// Embeds texts with a local sentence-transformer on ONNX Runtime, ColBERT-style: one <see cref="MultiVectorEmbedding"/>
/// per text with one vector per token of the text itself, in token order, for late-interaction (MaxSim) search.
/// </summary>
/// <remarks>
/// Padding and prefix tokens are never returned; <c>[CLS]</c> and <c>[SEP]</c> only with
/// <see cref="SentenceTransformerOnnxOptions.IncludeSpecialTokens"/>. The tokens are those of
/// <see cref="SentenceTransformerModel.Tokenizer"/>'s <c>EncodeToIds(text, addSpecialTokens: false)</c>, cut at the
/// maximum length; vectors are unit length unless <see cref="SentenceTransformerOnnxOptions.NormalizeTokenVectors"/> is off.
/// </remarks>
public sealed class SentenceTransformerTokenEmbeddingGenerator : SentenceTransformerGenerator<MultiVectorEmbedding>
{
    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    public SentenceTransformerTokenEmbeddingGenerator(SentenceTransformerModel model)
        : base(model, ownsModel: false)
    {
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model.</summary>
    /// <param name="options">Which model and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the graph runs on.</param>
    public SentenceTransformerTokenEmbeddingGenerator(SentenceTransformerOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : base(new SentenceTransformerModel(options, loggerFactory?.CreateLogger<SentenceTransformerModel>()), ownsModel: true)
    {
    }

    /// <exception cref="ArgumentException">A text has no tokens of its own (empty or only whitespace) and special tokens are off.</exception>
    private protected override MultiVectorEmbedding[] Embed(EncodedText[] texts, CancellationToken cancellationToken)
    {
        bool special = Model.IncludeSpecialTokens;
        int empty = Array.FindIndex(texts, text => text.TextLength == 0);
        if (empty >= 0 && !special)
        {
            throw new ArgumentException($"Text {empty} has no tokens (it is empty or whitespace), so it has no token vectors.", "values");
        }

        int dimensions = Model.Settings.Dimensions;
        var embeddings = new MultiVectorEmbedding[texts.Length];
        Model.Run(texts, (index, tokens) =>
        {
            var text = texts[index];
            float[] vectors = special
                ? [.. tokens[..dimensions], .. tokens.Slice(text.TextStart * dimensions, (text.TextLength + 1) * dimensions)]
                : tokens.Slice(text.TextStart * dimensions, text.TextLength * dimensions).ToArray();
            TokenVectors.ThrowIfNotFinite(vectors, Model.Settings.ModelId, index);
            if (Model.NormalizeTokenVectors)
            {
                for (int row = 0; row < vectors.Length / dimensions; row++)
                {
                    TokenVectors.Normalize(vectors.AsSpan(row * dimensions, dimensions));
                }
            }

            embeddings[index] = new MultiVectorEmbedding(vectors, dimensions);
        }, cancellationToken);
        return embeddings;
    }
}

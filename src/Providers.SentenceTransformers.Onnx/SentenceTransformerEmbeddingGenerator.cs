using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Providers.SentenceTransformers.Onnx.Inference;

namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// Embeds texts with a local sentence-transformer on ONNX Runtime: one vector per text, pooled (mean or
/// <c>[CLS]</c>) and normalised as the model prescribes, as sentence-transformers' <c>encode</c> computes it.
/// </summary>
public sealed class SentenceTransformerEmbeddingGenerator : SentenceTransformerGenerator<Embedding<float>>
{
    /// <summary>Initializes a new instance over a shared model, which the caller disposes.</summary>
    /// <param name="model">The loaded model.</param>
    public SentenceTransformerEmbeddingGenerator(SentenceTransformerModel model)
        : base(model, ownsModel: false)
    {
    }

    /// <summary>Initializes a new instance that loads, and disposes, its own model.</summary>
    /// <param name="options">Which model and how to run it.</param>
    /// <param name="loggerFactory">Receives which execution provider the graph runs on.</param>
    public SentenceTransformerEmbeddingGenerator(SentenceTransformerOnnxOptions options, ILoggerFactory? loggerFactory = null)
        : base(new SentenceTransformerModel(options, loggerFactory?.CreateLogger<SentenceTransformerModel>()), ownsModel: true)
    {
    }

    private protected override Embedding<float>[] Embed(EncodedText[] texts, CancellationToken cancellationToken)
    {
        var settings = Model.Settings;
        int dimensions = settings.Dimensions;
        var embeddings = new Embedding<float>[texts.Length];
        Model.Run(texts, (index, tokens) =>
        {
            var vector = new float[dimensions];
            if (settings.Pooling == SentencePooling.Cls)
            {
                tokens[..dimensions].CopyTo(vector);
            }
            else
            {
                // Every row handed over is attended (padding is already cut off), so the mask-weighted mean is a plain one.
                int count = tokens.Length / dimensions;
                for (int row = 0; row < count; row++)
                {
                    TensorPrimitives.Add(vector, tokens.Slice(row * dimensions, dimensions), vector);
                }

                TensorPrimitives.Divide(vector, count, vector);
            }

            TokenVectors.ThrowIfNotFinite(vector, settings.ModelId, index);
            if (settings.Normalize)
            {
                TokenVectors.Normalize(vector);
            }

            embeddings[index] = new Embedding<float>(vector);
        }, cancellationToken);
        return embeddings;
    }
}

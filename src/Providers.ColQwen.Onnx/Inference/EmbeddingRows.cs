using System.Numerics.Tensors;
using Providers.Core;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>Cuts a graph's <c>[batch, sequence, dim]</c> output into one embedding per input, padding rows dropped.</summary>
internal static class EmbeddingRows
{
    /// <exception cref="ColQwenModelException">The output has the wrong shape or holds non-finite numbers.</exception>
    public static MultiVectorEmbedding[] Extract(
        ReadOnlySpan<float> output, long[] shape, TokenBatch batch, int dimensions, string graph, string modelId, ImagePatchLayout? layout)
    {
        if (shape.Length != 3 || shape[0] != batch.Count || shape[1] != batch.Length || shape[2] != dimensions)
        {
            throw new ColQwenModelException(graph,
                $"The {graph} graph returned [{string.Join(", ", shape)}]; expected [{batch.Count}, {batch.Length}, {dimensions}].");
        }

        var embeddings = new MultiVectorEmbedding[batch.Count];
        for (int row = 0; row < batch.Count; row++)
        {
            int start = (row * batch.Length + batch.Padding(row)) * dimensions;
            var vectors = output.Slice(start, batch.Lengths[row] * dimensions);

            // A NaN or infinity anywhere makes the sum non-finite: one vectorised pass instead of a per-value check.
            if (!float.IsFinite(TensorPrimitives.Sum(vectors)))
            {
                throw new ColQwenModelException(graph,
                    $"The {graph} graph produced non-finite values for input {row} of its batch (a float16 overflow? export that graph in float32 or bfloat16).");
            }

            embeddings[row] = new MultiVectorEmbedding(vectors.ToArray(), dimensions)
            {
                ImagePatches = layout,
                ModelId = modelId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
        }

        return embeddings;
    }
}

using System.Numerics.Tensors;

namespace Providers.SentenceTransformers.Onnx.Inference;

/// <summary>The vector arithmetic both generators need.</summary>
internal static class TokenVectors
{
    /// <summary>Scales to unit length; like PyTorch's <c>F.normalize</c>, a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        float norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, MathF.Max(norm, 1e-12f), vector);
    }

    /// <exception cref="SentenceTransformerModelException">A value is NaN or infinite.</exception>
    public static void ThrowIfNotFinite(ReadOnlySpan<float> values, string modelId, int index)
    {
        // A NaN or infinity anywhere makes the sum non-finite: one vectorised pass instead of a per-value check.
        if (!float.IsFinite(TensorPrimitives.Sum(values)))
        {
            throw new SentenceTransformerModelException(modelId, $"{modelId} produced non-finite values for text {index}.");
        }
    }
}

using System.Numerics.Tensors;

namespace Providers.VectorData.LateInteraction;

/// <summary>Symmetric per-vector int8 quantization: <c>x ≈ scale * q</c> with <c>q</c> in [-127, 127].</summary>
internal static class Int8Quantization
{
    /// <summary>Quantizes one vector and returns its scale (0 for an all-zero vector).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> quantized)
    {
        float maxMagnitude = TensorPrimitives.MaxMagnitude(vector);
        float scale = Math.Abs(maxMagnitude) / 127f;
        if (scale == 0f)
        {
            quantized[..vector.Length].Clear();
            return 0f;
        }

        float inverse = 1f / scale;
        for (int k = 0; k < vector.Length; k++)
        {
            quantized[k] = (sbyte)Math.Clamp(MathF.Round(vector[k] * inverse), -127f, 127f);
        }

        return scale;
    }
}

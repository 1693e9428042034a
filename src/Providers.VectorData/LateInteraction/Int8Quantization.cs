using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Providers.VectorData.LateInteraction;

/// <summary>Symmetric per-vector int8 quantization: <c>x ≈ scale * q</c> with <c>q</c> in [-127, 127].</summary>
internal static class Int8Quantization
{
    /// <summary>Quantizes one vector and returns its scale (0 for an all-zero vector).</summary>
    /// <remarks>
    /// Each component is <c>round(x / scale)</c>, computed as <c>x * (1 / scale)</c> and rounded half to even, then
    /// clamped: 64 components per step with AVX-512, 16 with 128-bit vectors, the same operations one at a time for
    /// the rest, so that every path gives the same bytes.
    /// </remarks>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> quantized)
    {
        quantized = quantized[..vector.Length];
        float maxMagnitude = TensorPrimitives.MaxMagnitude(vector);
        float scale = Math.Abs(maxMagnitude) / 127f;
        if (scale == 0f)
        {
            quantized.Clear();
            return 0f;
        }

        float inverse = 1f / scale;
        int k = 0;
        ref float source = ref MemoryMarshal.GetReference(vector);
        ref sbyte destination = ref MemoryMarshal.GetReference(quantized);
        if (Vector512.IsHardwareAccelerated)
        {
            var factor = Vector512.Create(inverse);
            for (; k <= vector.Length - (4 * Vector512<float>.Count); k += 4 * Vector512<float>.Count)
            {
                var q0 = Step(Vector512.LoadUnsafe(ref source, (nuint)k), factor);
                var q1 = Step(Vector512.LoadUnsafe(ref source, (nuint)(k + 16)), factor);
                var q2 = Step(Vector512.LoadUnsafe(ref source, (nuint)(k + 32)), factor);
                var q3 = Step(Vector512.LoadUnsafe(ref source, (nuint)(k + 48)), factor);
                Vector512.Narrow(Vector512.Narrow(q0, q1), Vector512.Narrow(q2, q3)).StoreUnsafe(ref destination, (nuint)k);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            var factor = Vector128.Create(inverse);
            for (; k <= vector.Length - (4 * Vector128<float>.Count); k += 4 * Vector128<float>.Count)
            {
                var q0 = Step(Vector128.LoadUnsafe(ref source, (nuint)k), factor);
                var q1 = Step(Vector128.LoadUnsafe(ref source, (nuint)(k + 4)), factor);
                var q2 = Step(Vector128.LoadUnsafe(ref source, (nuint)(k + 8)), factor);
                var q3 = Step(Vector128.LoadUnsafe(ref source, (nuint)(k + 12)), factor);
                Vector128.Narrow(Vector128.Narrow(q0, q1), Vector128.Narrow(q2, q3)).StoreUnsafe(ref destination, (nuint)k);
            }
        }

        for (; k < vector.Length; k++)
        {
            quantized[k] = (sbyte)Math.Clamp(MathF.Round(vector[k] * inverse), -127f, 127f);
        }

        return scale;
    }

    private static Vector512<int> Step(Vector512<float> values, Vector512<float> inverse)
        => Vector512.ConvertToInt32(Vector512.Clamp(Vector512.Round(values * inverse), Vector512.Create(-127f), Vector512.Create(127f)));

    private static Vector128<int> Step(Vector128<float> values, Vector128<float> inverse)
        => Vector128.ConvertToInt32(Vector128.Clamp(Vector128.Round(values * inverse), Vector128.Create(-127f), Vector128.Create(127f)));
}

using System.Numerics.Tensors;

namespace Providers.Emulator.Models;

/// <summary>
/// Pseudo-random unit vectors keyed by a seed. Two different seeds give nearly orthogonal vectors in the
/// dimensions embedding models use, so "same key" reads as similar and "different key" as unrelated.
/// </summary>
internal static class UnitVectors
{
    /// <summary>Writes the unit vector for <paramref name="seed"/> into <paramref name="destination"/>.</summary>
    public static void Fill(ulong seed, Span<float> destination)
    {
        var state = seed;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = NextSigned(ref state);
        }

        Normalize(destination);
    }

    /// <summary>Adds <paramref name="weight"/> times the unit vector for <paramref name="seed"/> to <paramref name="accumulator"/>.</summary>
    public static void Accumulate(ulong seed, float weight, Span<float> accumulator, Span<float> scratch)
    {
        Fill(seed, scratch);
        TensorPrimitives.MultiplyAdd(scratch, weight, accumulator, accumulator);
    }

    /// <summary>Scales <paramref name="vector"/> to length 1; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    // SplitMix64: a tiny, well-mixed generator; uniform in [-1, 1) is enough for near-orthogonality.
    private static float NextSigned(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (float)((z >> 40) * (2.0 / (1UL << 24)) - 1.0);
    }
}

using System.Numerics.Tensors;

namespace Providers.Benchmarks.MaxSim;

/// <summary>Reproducible synthetic token vectors: uniform on the unit sphere, or clustered like real embeddings.</summary>
internal static class SyntheticVectors
{
    /// <summary>Fills <paramref name="rows"/> with unit vectors whose directions are uniform (normalised Gaussians).</summary>
    public static void FillUniform(Span<float> rows, int dimensions, Random random)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = Gaussian(random);
        }

        NormalizeRows(rows, dimensions);
    }

    /// <summary>Writes <c>normalize(center + noise * g / sqrt(dimensions))</c> with <c>g</c> standard Gaussian.</summary>
    public static void Perturb(ReadOnlySpan<float> center, float noise, Span<float> destination, Random random)
    {
        float scale = noise / MathF.Sqrt(center.Length);
        for (int k = 0; k < center.Length; k++)
        {
            destination[k] = center[k] + (scale * Gaussian(random));
        }

        NormalizeRows(destination, center.Length);
    }

    public static void NormalizeRows(Span<float> rows, int dimensions)
    {
        for (int start = 0; start < rows.Length; start += dimensions)
        {
            Span<float> row = rows.Slice(start, dimensions);
            float norm = TensorPrimitives.Norm(row);
            TensorPrimitives.Divide(row, norm, row);
        }
    }

    private static float Gaussian(Random random)
    {
        // Box–Muller; 1 - NextSingle() keeps the logarithm's argument in (0, 1].
        float u = 1f - random.NextSingle();
        float v = random.NextSingle();
        return MathF.Sqrt(-2f * MathF.Log(u)) * MathF.Cos(2f * MathF.PI * v);
    }
}

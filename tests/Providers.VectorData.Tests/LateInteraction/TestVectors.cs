using System.Numerics.Tensors;

namespace Providers.VectorData.Tests.LateInteraction;

/// <summary>Seeded random token vectors for kernel tests.</summary>
internal static class TestVectors
{
    /// <summary>Returns <paramref name="tokens"/> unit vectors, row-major.</summary>
    public static float[] Unit(int tokens, int dimensions, int seed)
    {
        var random = new Random(seed);
        var rows = new float[tokens * dimensions];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = (random.NextSingle() * 2f) - 1f;
        }

        for (int t = 0; t < tokens; t++)
        {
            Span<float> row = rows.AsSpan(t * dimensions, dimensions);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return rows;
    }

    /// <summary>Returns <paramref name="tokens"/> noisy copies of a few shared directions, so that rankings are stable.</summary>
    public static float[] Clustered(int tokens, int dimensions, float[] centroids, int seed)
    {
        var random = new Random(seed);
        int centroidCount = centroids.Length / dimensions;
        var rows = new float[tokens * dimensions];
        for (int t = 0; t < tokens; t++)
        {
            int c = random.Next(centroidCount);
            Span<float> row = rows.AsSpan(t * dimensions, dimensions);
            for (int k = 0; k < dimensions; k++)
            {
                row[k] = centroids[(c * dimensions) + k] + (0.15f * ((random.NextSingle() * 2f) - 1f));
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return rows;
    }

    /// <summary>Rows near one of <paramref name="topicsPerRow"/> topics drawn for the document from <paramref name="topics"/>.</summary>
    public static float[] Topical(int tokens, int dimensions, float[] topics, int topicsPerRow, int seed)
    {
        var random = new Random(seed);
        int[] chosen = [.. Enumerable.Range(0, topicsPerRow).Select(_ => random.Next(topics.Length / dimensions))];
        var rows = new float[tokens * dimensions];
        for (int t = 0; t < tokens; t++)
        {
            Perturb(topics.AsSpan(chosen[random.Next(chosen.Length)] * dimensions, dimensions), 0.8f, rows.AsSpan(t * dimensions, dimensions), random);
        }

        return rows;
    }

    /// <summary>Noisy copies of randomly chosen rows of <paramref name="rows"/>.</summary>
    public static float[] NoisyCopies(float[] rows, int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var copies = new float[count * dimensions];
        for (int i = 0; i < count; i++)
        {
            Perturb(rows.AsSpan(random.Next(rows.Length / dimensions) * dimensions, dimensions), 0.5f, copies.AsSpan(i * dimensions, dimensions), random);
        }

        return copies;
    }

    /// <summary>Writes <c>normalize(center + noise * g / sqrt(dimensions))</c>, <c>g</c> uniform in [-√3, √3] (unit variance).</summary>
    private static void Perturb(ReadOnlySpan<float> center, float noise, Span<float> destination, Random random)
    {
        float scale = noise * MathF.Sqrt(3f / center.Length);
        for (int k = 0; k < center.Length; k++)
        {
            destination[k] = center[k] + (scale * ((random.NextSingle() * 2f) - 1f));
        }

        TensorPrimitives.Divide(destination, TensorPrimitives.Norm(destination), destination);
    }
}

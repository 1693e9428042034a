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
}

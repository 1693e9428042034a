using System.Numerics.Tensors;
using Providers.Core;
using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests.LateInteraction;

public sealed class HierarchicalTokenPoolingTests
{
    [Fact]
    public void A_pool_factor_of_one_keeps_the_vectors()
    {
        float[] rows = TestVectors.Unit(7, 16, seed: 1);

        float[] pooled = HierarchicalTokenPooling.Pool(rows, 16, poolFactor: 1);

        Assert.Equal(rows, pooled);
    }

    [Theory]
    [InlineData(10, 2, 5)]
    [InlineData(1030, 3, 343)]
    [InlineData(5, 9, 1)]
    public void The_token_count_drops_to_tokens_over_pool_factor(int tokens, int poolFactor, int expected)
    {
        float[] rows = TestVectors.Unit(tokens, 32, seed: tokens);

        float[] pooled = HierarchicalTokenPooling.Pool(rows, 32, poolFactor);

        Assert.Equal(expected * 32, pooled.Length);
        for (int t = 0; t < expected; t++)
        {
            Assert.Equal(1f, TensorPrimitives.Norm(pooled.AsSpan(t * 32, 32)), 1e-5);
        }
    }

    [Fact]
    public void Near_duplicate_tokens_merge_into_their_normalised_mean()
    {
        float[] a = [1f, 0f, 0f, 0f];
        float[] a2 = [0.99f, 0.141f, 0f, 0f];
        float[] b = [0f, 0f, 1f, 0f];
        float[] b2 = [0f, 0f, 0.99f, -0.141f];
        float[] rows = [.. a, .. b, .. a2, .. b2];

        float[] pooled = HierarchicalTokenPooling.Pool(rows, 4, poolFactor: 2);

        Assert.Equal(Normalize([1.99f, 0.141f, 0f, 0f]), pooled[..4], new FloatComparer());
        Assert.Equal(Normalize([0f, 0f, 1.99f, -0.141f]), pooled[4..], new FloatComparer());
    }

    [Theory]
    [InlineData(40, 2, 11)]
    [InlineData(60, 4, 12)]
    [InlineData(33, 3, 13)]
    public void Clusters_match_a_brute_force_Ward_agglomeration(int tokens, int poolFactor, int seed)
    {
        const int dimensions = 8;
        float[] rows = TestVectors.Unit(tokens, dimensions, seed);

        float[] pooled = HierarchicalTokenPooling.Pool(rows, dimensions, poolFactor);

        Assert.Equal(BruteForceWard(rows, dimensions, Math.Max(tokens / poolFactor, 1)), pooled, new FloatComparer());
    }

    [Fact]
    public void Pooling_an_embedding_keeps_its_model_and_drops_patch_positions()
    {
        var embedding = new MultiVectorEmbedding(TestVectors.Unit(12, 8, seed: 2), 8)
        {
            ModelId = "colqwen",
            ImagePatches = new ImagePatchLayout(0, 12, 4, 3),
        };

        var pooled = HierarchicalTokenPooling.Pool(embedding, poolFactor: 3);

        Assert.Equal(4, pooled.TokenCount);
        Assert.Equal("colqwen", pooled.ModelId);
        Assert.Null(pooled.ImagePatches);
    }

    [Fact]
    public void A_NaN_token_is_rejected()
    {
        float[] rows = TestVectors.Unit(4, 8, seed: 1);
        rows[9] = float.NaN;

        Assert.Throws<ArgumentException>(() => HierarchicalTokenPooling.Pool(rows, 8, poolFactor: 2));
    }

    private static float[] Normalize(float[] vector)
    {
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    /// <summary>
    /// Greedy Ward clustering straight from its definition: repeatedly merge the two clusters whose union least
    /// increases the within-cluster sum of squares, |A||B| / (|A| + |B|) * ||mean(A) - mean(B)||².
    /// </summary>
    private static float[] BruteForceWard(float[] rows, int dimensions, int clusterCount)
    {
        var clusters = Enumerable.Range(0, rows.Length / dimensions).Select(t => new List<int> { t }).ToList();
        while (clusters.Count > clusterCount)
        {
            (int Left, int Right) best = (0, 1);
            double bestCost = double.MaxValue;
            for (int i = 0; i < clusters.Count; i++)
            {
                for (int j = i + 1; j < clusters.Count; j++)
                {
                    double cost = WardCost(rows, dimensions, clusters[i], clusters[j]);
                    if (cost < bestCost)
                    {
                        (best, bestCost) = ((i, j), cost);
                    }
                }
            }

            clusters[best.Left].AddRange(clusters[best.Right]);
            clusters.RemoveAt(best.Right);
        }

        return clusters
            .OrderBy(cluster => cluster.Min())
            .SelectMany(cluster => Normalize(Mean(rows, dimensions, cluster).Select(value => (float)value).ToArray()))
            .ToArray();
    }

    private static double WardCost(float[] rows, int dimensions, List<int> left, List<int> right)
    {
        double[] a = Mean(rows, dimensions, left);
        double[] b = Mean(rows, dimensions, right);
        double squared = a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();
        return left.Count * right.Count / (double)(left.Count + right.Count) * squared;
    }

    private static double[] Mean(float[] rows, int dimensions, List<int> tokens)
    {
        var mean = new double[dimensions];
        foreach (int t in tokens)
        {
            for (int k = 0; k < dimensions; k++)
            {
                mean[k] += rows[(t * dimensions) + k] / (double)tokens.Count;
            }
        }

        return mean;
    }

    private sealed class FloatComparer : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-4f;

        public int GetHashCode(float obj) => 0;
    }
}

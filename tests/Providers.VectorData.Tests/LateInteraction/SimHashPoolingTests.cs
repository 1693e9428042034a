using System.Numerics.Tensors;
using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests.LateInteraction;

public sealed class SimHashPoolingTests
{
    private const int Dimensions = 48;

    [Fact]
    public void Copies_of_one_token_pool_into_that_token()
    {
        float[] token = TestVectors.Unit(1, Dimensions, seed: 7);
        float[] rows = [.. Enumerable.Repeat(token, 30).SelectMany(row => row)];

        var (count, pooled) = Pool(rows);

        Assert.Equal(1, count);
        Assert.Equal(token, pooled[..Dimensions], (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void A_token_and_its_opposite_never_share_a_pooled_vector()
    {
        float[] token = TestVectors.Unit(1, Dimensions, seed: 8);
        float[] opposite = [.. token.Select(value => -value)];

        var (count, pooled) = Pool([.. token, .. opposite]);

        Assert.Equal(2, count);
        Assert.Equal(-1f, TensorPrimitives.Dot(pooled.AsSpan(0, Dimensions), pooled.AsSpan(Dimensions, Dimensions)), 1e-5f);
    }

    [Fact]
    public void Pools_at_most_32_unit_vectors_each_the_mean_direction_of_some_of_the_tokens()
    {
        float[] rows = TestVectors.Unit(1000, Dimensions, seed: 9);

        var (count, pooled) = Pool(rows);

        Assert.InRange(count, 2, SimHashPooling.MaxVectors);
        for (int v = 0; v < count; v++)
        {
            float[] vector = pooled[(v * Dimensions)..((v + 1) * Dimensions)];
            Assert.Equal(1f, TensorPrimitives.Norm(vector), 1e-4f);

            // The token nearest a pooled vector lies on its side: the mean of a bucket points into the bucket.
            float nearest = Enumerable.Range(0, 1000).Max(t => TensorPrimitives.Dot(vector, rows.AsSpan(t * Dimensions, Dimensions)));
            Assert.True(nearest > 0.3f, $"pooled vector {v} is {nearest} from its nearest token");
        }
    }

    [Fact]
    public void Pools_the_same_tokens_the_same_way_on_every_call()
    {
        float[] rows = TestVectors.Unit(200, Dimensions, seed: 10);

        Assert.Equal(Pool(rows).Pooled, Pool(rows).Pooled);
    }

    private static (int Count, float[] Pooled) Pool(float[] rows)
    {
        var pooled = new float[SimHashPooling.MaxVectors * Dimensions];
        int count = SimHashPooling.For(Dimensions).Pool(rows, pooled);
        return (count, pooled[..(count * Dimensions)]);
    }
}

using System.Collections.Concurrent;
using System.Numerics;
using System.Numerics.Tensors;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// MUVERA's fixed-dimensional encoding (Dhulipala et al., 2024): one vector per document whose dot product with a
/// query's encoding approximates MaxSim, so that a flat scan of one short vector per document finds the candidates
/// that MaxSim then ranks.
/// </summary>
/// <remarks>
/// <para>
/// Each of <see cref="Repetitions"/> repetitions splits the space with <see cref="Bits"/> random hyperplanes into
/// <c>2^Bits</c> buckets (SimHash) and projects tokens to <see cref="ProjectedDimensions"/> random ±1 directions. A
/// document's block for a bucket is the mean of its projected tokens that fall there (an empty bucket takes the
/// token whose hash is nearest, so that every query token finds something); a query's block is the sum. A query
/// token thus meets the average of the document tokens on its side of every hyperplane: close to its best match
/// when the hyperplanes separate tokens well.
/// </para>
/// <para>
/// Parameters are fixed per dimension count and drawn from a fixed seed, so a document encoded by one process
/// matches a query encoded by another; changing them is a new file format version.
/// </para>
/// </remarks>
internal sealed class FixedDimensionalEncoding
{
    public const int Repetitions = 16;
    public const int Bits = 4;
    public const int ProjectedDimensions = 8;
    private const int Buckets = 1 << Bits;
    private const int Seed = 20240605;

    private static readonly ConcurrentDictionary<int, FixedDimensionalEncoding> ByDimensions = new();

    /// <summary>Per repetition, <see cref="Bits"/> hyperplanes then <see cref="ProjectedDimensions"/> projections, each a row of <c>dimensions</c>.</summary>
    private readonly float[] _directions;
    private readonly int _dimensions;

    private FixedDimensionalEncoding(int dimensions)
    {
        _dimensions = dimensions;
        var random = new Random(Seed + dimensions);
        _directions = new float[Repetitions * (Bits + ProjectedDimensions) * dimensions];
        for (int r = 0; r < Repetitions; r++)
        {
            for (int row = 0; row < Bits + ProjectedDimensions; row++)
            {
                var direction = _directions.AsSpan(((r * (Bits + ProjectedDimensions)) + row) * dimensions, dimensions);
                for (int k = 0; k < dimensions; k++)
                {
                    direction[k] = row < Bits ? Gaussian(random) : (random.Next(2) == 0 ? -1f : 1f) / MathF.Sqrt(ProjectedDimensions);
                }
            }
        }
    }

    /// <summary>Gets the length of an encoding.</summary>
    public static int Length => Repetitions * Buckets * ProjectedDimensions;

    public static FixedDimensionalEncoding For(int dimensions) => ByDimensions.GetOrAdd(dimensions, static d => new FixedDimensionalEncoding(d));

    /// <summary>Encodes a document's row-major tokens: per bucket the mean of its projected tokens.</summary>
    public float[] EncodeDocument(ReadOnlySpan<float> rows) => Encode(rows, isQuery: false);

    /// <summary>Encodes a query's row-major tokens: per bucket the sum of its projected tokens.</summary>
    public float[] EncodeQuery(ReadOnlySpan<float> rows) => Encode(rows, isQuery: true);

    private float[] Encode(ReadOnlySpan<float> rows, bool isQuery)
    {
        int tokens = rows.Length / _dimensions;
        var encoding = new float[Length];
        Span<int> counts = stackalloc int[Buckets];
        var buckets = new int[tokens];
        var projected = new float[tokens * ProjectedDimensions];
        for (int r = 0; r < Repetitions; r++)
        {
            var directions = _directions.AsSpan(r * (Bits + ProjectedDimensions) * _dimensions, (Bits + ProjectedDimensions) * _dimensions);
            var blocks = encoding.AsSpan(r * Buckets * ProjectedDimensions, Buckets * ProjectedDimensions);
            counts.Clear();
            for (int t = 0; t < tokens; t++)
            {
                var token = rows.Slice(t * _dimensions, _dimensions);
                int bucket = 0;
                for (int b = 0; b < Bits; b++)
                {
                    if (TensorPrimitives.Dot(token, directions.Slice(b * _dimensions, _dimensions)) > 0f)
                    {
                        bucket |= 1 << b;
                    }
                }

                buckets[t] = bucket;
                counts[bucket]++;
                var block = blocks.Slice(bucket * ProjectedDimensions, ProjectedDimensions);
                for (int p = 0; p < ProjectedDimensions; p++)
                {
                    float value = TensorPrimitives.Dot(token, directions.Slice((Bits + p) * _dimensions, _dimensions));
                    projected[(t * ProjectedDimensions) + p] = value;
                    block[p] += value;
                }
            }

            if (isQuery)
            {
                continue;
            }

            for (int bucket = 0; bucket < Buckets; bucket++)
            {
                var block = blocks.Slice(bucket * ProjectedDimensions, ProjectedDimensions);
                if (counts[bucket] > 0)
                {
                    TensorPrimitives.Divide(block, counts[bucket], block);
                    continue;
                }

                int nearest = 0;
                for (int t = 1; t < tokens; t++)
                {
                    if (BitOperations.PopCount((uint)(buckets[t] ^ bucket)) < BitOperations.PopCount((uint)(buckets[nearest] ^ bucket)))
                    {
                        nearest = t;
                    }
                }

                projected.AsSpan(nearest * ProjectedDimensions, ProjectedDimensions).CopyTo(block);
            }
        }

        return encoding;
    }

    private static float Gaussian(Random random)
    {
        // Box–Muller: a direction with independent normal components is uniform on the sphere.
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}

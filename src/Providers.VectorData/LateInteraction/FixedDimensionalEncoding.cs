using System.Collections.Concurrent;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>The seed the directions are drawn from (plus the dimension count).</summary>
    internal const int Seed = 20240605;

    private const int Buckets = 1 << Bits;
    private const int DirectionsPerRepetition = Bits + ProjectedDimensions;

    private static readonly ConcurrentDictionary<int, FixedDimensionalEncoding> ByDimensions = new();

    /// <summary>Per repetition, <see cref="Bits"/> hyperplanes then <see cref="ProjectedDimensions"/> projections, each a direction.</summary>
    private readonly DirectionMatrix _directions;

    private FixedDimensionalEncoding(int dimensions)
    {
        var random = new Random(Seed + dimensions);
        var directions = new float[Repetitions * DirectionsPerRepetition * dimensions];
        for (int r = 0; r < Repetitions; r++)
        {
            for (int row = 0; row < DirectionsPerRepetition; row++)
            {
                var direction = directions.AsSpan(((r * DirectionsPerRepetition) + row) * dimensions, dimensions);
                for (int k = 0; k < dimensions; k++)
                {
                    direction[k] = row < Bits ? Gaussian(random) : (random.Next(2) == 0 ? -1f : 1f) / MathF.Sqrt(ProjectedDimensions);
                }
            }
        }

        _directions = new DirectionMatrix(directions, Repetitions * DirectionsPerRepetition, dimensions);
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
        const int Slots = Repetitions * Buckets;
        int tokens = rows.Length / _directions.Dimensions;
        var encoding = new float[Length];

        // Per (repetition, bucket): how many tokens fell there, the first of them and its projection, which an empty
        // bucket of a document borrows from its nearest occupied one.
        Span<int> counts = Slots <= 1024 ? stackalloc int[Slots] : new int[Slots];
        Span<int> firstTokens = Slots <= 1024 ? stackalloc int[Slots] : new int[Slots];
        Span<float> firstProjections = Length <= 4096 ? stackalloc float[Length] : new float[Length];
        int tileLength = DirectionMatrix.TileTokens * _directions.Stride;
        Span<float> tile = tileLength <= 2048 ? stackalloc float[tileLength] : new float[tileLength];
        Span<ulong> signs = _directions.Stride <= 2048 ? stackalloc ulong[_directions.Stride / 64] : new ulong[_directions.Stride / 64];
        for (int first = 0; first < tokens; first += DirectionMatrix.TileTokens)
        {
            _directions.ProjectTile(rows, first, tile);
            int live = Math.Min(DirectionMatrix.TileTokens, tokens - first);
            for (int i = 0; i < live; i++)
            {
                ReadOnlySpan<float> projections = tile.Slice(i * _directions.Stride, _directions.Stride);
                SignBits(projections, signs);
                for (int r = 0; r < Repetitions; r++)
                {
                    int slot = (r * Buckets) + Bucket(signs, r * DirectionsPerRepetition);
                    ReadOnlySpan<float> projected = projections.Slice((r * DirectionsPerRepetition) + Bits, ProjectedDimensions);
                    if (counts[slot]++ == 0)
                    {
                        firstTokens[slot] = first + i;
                        projected.CopyTo(firstProjections.Slice(slot * ProjectedDimensions, ProjectedDimensions));
                    }

                    Accumulate(encoding.AsSpan(slot * ProjectedDimensions, ProjectedDimensions), projected);
                }
            }
        }

        if (!isQuery)
        {
            for (int slot = 0; slot < Slots; slot++)
            {
                var block = encoding.AsSpan(slot * ProjectedDimensions, ProjectedDimensions);
                if (counts[slot] > 0)
                {
                    TensorPrimitives.Divide(block, counts[slot], block);
                    continue;
                }

                int nearest = Nearest(counts, firstTokens, slot);
                firstProjections.Slice(nearest * ProjectedDimensions, ProjectedDimensions).CopyTo(block);
            }
        }

        return encoding;
    }

    /// <summary>Sets bit <c>c</c> of <paramref name="signs"/> where projection <c>c</c> is above zero, 64 projections a word.</summary>
    /// <remarks>
    /// Without AVX-512 the runtime computes <see cref="Vector512{T}"/> operations from narrower vectors or element by
    /// element: the same bits on every processor, from one path.
    /// </remarks>
    private static void SignBits(ReadOnlySpan<float> projections, Span<ulong> signs)
    {
        for (int word = 0; word < signs.Length; word++)
        {
            ref float start = ref MemoryMarshal.GetReference(projections.Slice(word * 64, 64));
            ulong bits = 0;
            for (int j = 0; j < 64; j += Vector512<float>.Count)
            {
                bits |= Vector512.GreaterThan(Vector512.LoadUnsafe(ref start, (nuint)j), Vector512<float>.Zero).ExtractMostSignificantBits() << j;
            }

            signs[word] = bits;
        }
    }

    /// <summary>Returns the SimHash bucket of a repetition whose hyperplane signs start at bit <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(ReadOnlySpan<ulong> signs, int at)
    {
        int shift = at & 63;
        ulong bits = signs[at >> 6] >> shift;
        if (shift + Bits > 64)
        {
            bits |= signs[(at >> 6) + 1] << (64 - shift);
        }

        return (int)(bits & (Buckets - 1));
    }

    /// <summary>
    /// Returns the occupied slot of the same repetition whose bucket differs from an empty one's in the fewest bits,
    /// and among those the one its first token reached first: the bucket of the first token nearest to the empty one.
    /// </summary>
    private static int Nearest(ReadOnlySpan<int> counts, ReadOnlySpan<int> firstTokens, int emptySlot)
    {
        int repetitionStart = emptySlot / Buckets * Buckets;
        int empty = emptySlot - repetitionStart;
        int nearest = -1;
        for (int slot = repetitionStart; slot < repetitionStart + Buckets; slot++)
        {
            if (counts[slot] == 0)
            {
                continue;
            }

            if (nearest < 0)
            {
                nearest = slot;
                continue;
            }

            int distance = BitOperations.PopCount((uint)((slot - repetitionStart) ^ empty));
            int best = BitOperations.PopCount((uint)((nearest - repetitionStart) ^ empty));
            if (distance < best || (distance == best && firstTokens[slot] < firstTokens[nearest]))
            {
                nearest = slot;
            }
        }

        return nearest;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Span<float> block, ReadOnlySpan<float> values)
    {
        int p = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref float destination = ref MemoryMarshal.GetReference(block);
            ref float source = ref MemoryMarshal.GetReference(values);
            for (; p <= block.Length - Vector128<float>.Count; p += Vector128<float>.Count)
            {
                (Vector128.LoadUnsafe(ref destination, (nuint)p) + Vector128.LoadUnsafe(ref source, (nuint)p)).StoreUnsafe(ref destination, (nuint)p);
            }
        }

        for (; p < block.Length; p++)
        {
            block[p] += values[p];
        }
    }

    private static float Gaussian(Random random)
    {
        // Box–Muller: a direction with independent normal components is uniform on the sphere.
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A fixed set of directions, stored transposed, onto which many tokens are projected at once: the projections of a
/// document are one matrix product <c>tokens x directions^T</c> computed by a register-blocked kernel, instead of one
/// short dot product per token and direction.
/// </summary>
/// <remarks>
/// <para>
/// The transposed matrix is <c>[dimension][direction]</c> with each row padded to <see cref="Stride"/> (a multiple of
/// 64) zero columns, so that every kernel covers a row with whole vectors of any width up to 512 bits.
/// </para>
/// <para>
/// Every projection is the same chain of fused multiply-adds over the dimensions in order, starting from zero, whatever
/// the kernel, the vector width or the token's position in a tile. A token therefore gets bit-identical projections in
/// a document and in a query, on every processor: a sign taken from a projection near zero (a SimHash bucket bit) is
/// the same everywhere.
/// </para>
/// </remarks>
internal sealed class DirectionMatrix
{
    /// <summary>Tokens a kernel call projects.</summary>
    public const int TileTokens = 6;

    private const int ColumnMultiple = 64;

    private readonly AlignedArray<float> _transposed;

    /// <summary>Stores row-major <c>[count x dimensions]</c> directions transposed.</summary>
    public DirectionMatrix(ReadOnlySpan<float> directions, int count, int dimensions)
    {
        Count = count;
        Dimensions = dimensions;
        Stride = (count + ColumnMultiple - 1) / ColumnMultiple * ColumnMultiple;
        _transposed = AlignedArray<float>.Allocate(dimensions * Stride, slack: 0);
        Span<float> transposed = _transposed.Span;
        for (int direction = 0; direction < count; direction++)
        {
            for (int k = 0; k < dimensions; k++)
            {
                transposed[(k * Stride) + direction] = directions[(direction * dimensions) + k];
            }
        }
    }

    /// <summary>Gets the number of directions.</summary>
    public int Count { get; }

    /// <summary>Gets the length of each direction.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the distance between two tokens' rows of projections: <see cref="Count"/> rounded up to a multiple of 64.</summary>
    public int Stride { get; }

    /// <summary>
    /// Writes the projections of tokens <c>first .. first + TileTokens - 1</c> of row-major <paramref name="rows"/> to
    /// <paramref name="projections"/>, <c>[token][direction]</c> with rows <see cref="Stride"/> apart; a tile that runs past
    /// the last token repeats the last token in its remaining rows.
    /// </summary>
    public void ProjectTile(ReadOnlySpan<float> rows, int first, Span<float> projections)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ProjectTileVector512(rows, first, projections);
        }
        else if (Vector.IsHardwareAccelerated)
        {
            ProjectTileVector(rows, first, projections);
        }
        else
        {
            ProjectTileScalar(rows, first, projections);
        }
    }

    /// <summary>Six tokens by 64 directions: 24 accumulators, four loads and six broadcasts per dimension.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ProjectTileVector512(ReadOnlySpan<float> rows, int first, Span<float> projections)
    {
        var offsets = TileRows(rows, first, projections);
        ref float start = ref MemoryMarshal.GetReference(rows);
        ref float x0 = ref Unsafe.Add(ref start, offsets[0]);
        ref float x1 = ref Unsafe.Add(ref start, offsets[1]);
        ref float x2 = ref Unsafe.Add(ref start, offsets[2]);
        ref float x3 = ref Unsafe.Add(ref start, offsets[3]);
        ref float x4 = ref Unsafe.Add(ref start, offsets[4]);
        ref float x5 = ref Unsafe.Add(ref start, offsets[5]);
        ref float output = ref MemoryMarshal.GetReference(projections);
        nuint stride = (nuint)Stride;
        const int Lanes = 16;
        for (int column = 0; column < Stride; column += 4 * Lanes)
        {
            var a0 = Vector512<float>.Zero;
            var a1 = a0; var a2 = a0; var a3 = a0;
            var b0 = a0; var b1 = a0; var b2 = a0; var b3 = a0;
            var c0 = a0; var c1 = a0; var c2 = a0; var c3 = a0;
            var e0 = a0; var e1 = a0; var e2 = a0; var e3 = a0;
            var f0 = a0; var f1 = a0; var f2 = a0; var f3 = a0;
            var g0 = a0; var g1 = a0; var g2 = a0; var g3 = a0;
            ref float d = ref Unsafe.Add(ref _transposed.First, column);
            for (int k = 0; k < Dimensions; k++)
            {
                var d0 = Vector512.LoadUnsafe(ref d);
                var d1 = Vector512.LoadUnsafe(ref d, Lanes);
                var d2 = Vector512.LoadUnsafe(ref d, 2 * Lanes);
                var d3 = Vector512.LoadUnsafe(ref d, 3 * Lanes);
                var s = Vector512.Create(Unsafe.Add(ref x0, k));
                a0 = Vector512.FusedMultiplyAdd(s, d0, a0); a1 = Vector512.FusedMultiplyAdd(s, d1, a1);
                a2 = Vector512.FusedMultiplyAdd(s, d2, a2); a3 = Vector512.FusedMultiplyAdd(s, d3, a3);
                s = Vector512.Create(Unsafe.Add(ref x1, k));
                b0 = Vector512.FusedMultiplyAdd(s, d0, b0); b1 = Vector512.FusedMultiplyAdd(s, d1, b1);
                b2 = Vector512.FusedMultiplyAdd(s, d2, b2); b3 = Vector512.FusedMultiplyAdd(s, d3, b3);
                s = Vector512.Create(Unsafe.Add(ref x2, k));
                c0 = Vector512.FusedMultiplyAdd(s, d0, c0); c1 = Vector512.FusedMultiplyAdd(s, d1, c1);
                c2 = Vector512.FusedMultiplyAdd(s, d2, c2); c3 = Vector512.FusedMultiplyAdd(s, d3, c3);
                s = Vector512.Create(Unsafe.Add(ref x3, k));
                e0 = Vector512.FusedMultiplyAdd(s, d0, e0); e1 = Vector512.FusedMultiplyAdd(s, d1, e1);
                e2 = Vector512.FusedMultiplyAdd(s, d2, e2); e3 = Vector512.FusedMultiplyAdd(s, d3, e3);
                s = Vector512.Create(Unsafe.Add(ref x4, k));
                f0 = Vector512.FusedMultiplyAdd(s, d0, f0); f1 = Vector512.FusedMultiplyAdd(s, d1, f1);
                f2 = Vector512.FusedMultiplyAdd(s, d2, f2); f3 = Vector512.FusedMultiplyAdd(s, d3, f3);
                s = Vector512.Create(Unsafe.Add(ref x5, k));
                g0 = Vector512.FusedMultiplyAdd(s, d0, g0); g1 = Vector512.FusedMultiplyAdd(s, d1, g1);
                g2 = Vector512.FusedMultiplyAdd(s, d2, g2); g3 = Vector512.FusedMultiplyAdd(s, d3, g3);
                d = ref Unsafe.Add(ref d, stride);
            }

            ref float o = ref Unsafe.Add(ref output, column);
            a0.StoreUnsafe(ref o); a1.StoreUnsafe(ref o, Lanes); a2.StoreUnsafe(ref o, 2 * Lanes); a3.StoreUnsafe(ref o, 3 * Lanes);
            o = ref Unsafe.Add(ref o, stride);
            b0.StoreUnsafe(ref o); b1.StoreUnsafe(ref o, Lanes); b2.StoreUnsafe(ref o, 2 * Lanes); b3.StoreUnsafe(ref o, 3 * Lanes);
            o = ref Unsafe.Add(ref o, stride);
            c0.StoreUnsafe(ref o); c1.StoreUnsafe(ref o, Lanes); c2.StoreUnsafe(ref o, 2 * Lanes); c3.StoreUnsafe(ref o, 3 * Lanes);
            o = ref Unsafe.Add(ref o, stride);
            e0.StoreUnsafe(ref o); e1.StoreUnsafe(ref o, Lanes); e2.StoreUnsafe(ref o, 2 * Lanes); e3.StoreUnsafe(ref o, 3 * Lanes);
            o = ref Unsafe.Add(ref o, stride);
            f0.StoreUnsafe(ref o); f1.StoreUnsafe(ref o, Lanes); f2.StoreUnsafe(ref o, 2 * Lanes); f3.StoreUnsafe(ref o, 3 * Lanes);
            o = ref Unsafe.Add(ref o, stride);
            g0.StoreUnsafe(ref o); g1.StoreUnsafe(ref o, Lanes); g2.StoreUnsafe(ref o, 2 * Lanes); g3.StoreUnsafe(ref o, 3 * Lanes);
        }
    }

    /// <summary>
    /// Six tokens by two vectors of the platform's width (AVX2, or NEON): 12 accumulators, which fits 16 vector
    /// registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ProjectTileVector(ReadOnlySpan<float> rows, int first, Span<float> projections)
    {
        var offsets = TileRows(rows, first, projections);
        ref float start = ref MemoryMarshal.GetReference(rows);
        ref float x0 = ref Unsafe.Add(ref start, offsets[0]);
        ref float x1 = ref Unsafe.Add(ref start, offsets[1]);
        ref float x2 = ref Unsafe.Add(ref start, offsets[2]);
        ref float x3 = ref Unsafe.Add(ref start, offsets[3]);
        ref float x4 = ref Unsafe.Add(ref start, offsets[4]);
        ref float x5 = ref Unsafe.Add(ref start, offsets[5]);
        ref float output = ref MemoryMarshal.GetReference(projections);
        nuint stride = (nuint)Stride;
        int lanes = Vector<float>.Count;
        for (int column = 0; column < Stride; column += 2 * lanes)
        {
            var a0 = Vector<float>.Zero;
            var a1 = a0; var b0 = a0; var b1 = a0; var c0 = a0; var c1 = a0; var e0 = a0; var e1 = a0;
            var f0 = a0; var f1 = a0; var g0 = a0; var g1 = a0;
            ref float d = ref Unsafe.Add(ref _transposed.First, column);
            for (int k = 0; k < Dimensions; k++)
            {
                var d0 = Vector.LoadUnsafe(ref d);
                var d1 = Vector.LoadUnsafe(ref d, (nuint)lanes);
                var s = new Vector<float>(Unsafe.Add(ref x0, k));
                a0 = Vector.FusedMultiplyAdd(s, d0, a0); a1 = Vector.FusedMultiplyAdd(s, d1, a1);
                s = new Vector<float>(Unsafe.Add(ref x1, k));
                b0 = Vector.FusedMultiplyAdd(s, d0, b0); b1 = Vector.FusedMultiplyAdd(s, d1, b1);
                s = new Vector<float>(Unsafe.Add(ref x2, k));
                c0 = Vector.FusedMultiplyAdd(s, d0, c0); c1 = Vector.FusedMultiplyAdd(s, d1, c1);
                s = new Vector<float>(Unsafe.Add(ref x3, k));
                e0 = Vector.FusedMultiplyAdd(s, d0, e0); e1 = Vector.FusedMultiplyAdd(s, d1, e1);
                s = new Vector<float>(Unsafe.Add(ref x4, k));
                f0 = Vector.FusedMultiplyAdd(s, d0, f0); f1 = Vector.FusedMultiplyAdd(s, d1, f1);
                s = new Vector<float>(Unsafe.Add(ref x5, k));
                g0 = Vector.FusedMultiplyAdd(s, d0, g0); g1 = Vector.FusedMultiplyAdd(s, d1, g1);
                d = ref Unsafe.Add(ref d, stride);
            }

            ref float o = ref Unsafe.Add(ref output, column);
            a0.StoreUnsafe(ref o); a1.StoreUnsafe(ref o, (nuint)lanes);
            o = ref Unsafe.Add(ref o, stride);
            b0.StoreUnsafe(ref o); b1.StoreUnsafe(ref o, (nuint)lanes);
            o = ref Unsafe.Add(ref o, stride);
            c0.StoreUnsafe(ref o); c1.StoreUnsafe(ref o, (nuint)lanes);
            o = ref Unsafe.Add(ref o, stride);
            e0.StoreUnsafe(ref o); e1.StoreUnsafe(ref o, (nuint)lanes);
            o = ref Unsafe.Add(ref o, stride);
            f0.StoreUnsafe(ref o); f1.StoreUnsafe(ref o, (nuint)lanes);
            o = ref Unsafe.Add(ref o, stride);
            g0.StoreUnsafe(ref o); g1.StoreUnsafe(ref o, (nuint)lanes);
        }
    }

    internal void ProjectTileScalar(ReadOnlySpan<float> rows, int first, Span<float> projections)
    {
        var offsets = TileRows(rows, first, projections);
        ReadOnlySpan<float> transposed = _transposed.Span;
        for (int token = 0; token < TileTokens; token++)
        {
            ReadOnlySpan<float> x = rows.Slice(offsets[token], Dimensions);
            Span<float> output = projections.Slice(token * Stride, Stride);
            for (int column = 0; column < Stride; column++)
            {
                float sum = 0f;
                for (int k = 0; k < Dimensions; k++)
                {
                    sum = MathF.FusedMultiplyAdd(x[k], transposed[(k * Stride) + column], sum);
                }

                output[column] = sum;
            }
        }
    }

    /// <summary>Checks the arguments and returns where the tile's token rows start, the last token standing in for those past it.</summary>
    private TileOffsets TileRows(ReadOnlySpan<float> rows, int first, Span<float> projections)
    {
        int tokens = rows.Length / Dimensions;
        if (rows.Length % Dimensions != 0 || (uint)first >= (uint)tokens || projections.Length < TileTokens * Stride)
        {
            throw new ArgumentException($"A tile needs token {first} of whole {Dimensions}-dimensional rows and room for {TileTokens} x {Stride} projections.");
        }

        var offsets = default(TileOffsets);
        for (int i = 0; i < TileTokens; i++)
        {
            offsets[i] = Math.Min(first + i, tokens - 1) * Dimensions;
        }

        return offsets;
    }

    /// <summary>Where each token row of a tile starts.</summary>
    [InlineArray(TileTokens)]
    private struct TileOffsets
    {
        private int _first;
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// Exact single-precision MaxSim: <c>sum over query tokens q of max over document tokens d of dot(q, d)</c>, computed
/// without materialising the similarity matrix.
/// </summary>
/// <remarks>
/// For each document panel and each block of <see cref="MaxSimQuery.RowBlock"/> query tokens, a register-blocked
/// micro-kernel accumulates the whole block of dot products over the dimensions (one broadcast query value times one
/// vector of document tokens per fused multiply-add), then folds the block into a running per-lane maximum for each
/// query token. The panel stays in the L1 cache while every query block passes over it, so a document is read from
/// memory once. The maxima are reduced across lanes and summed at the end.
/// </remarks>
internal static class Float32MaxSim
{
    private const int Rows = MaxSimQuery.RowBlock;

    public static float Score(MaxSimQuery query, Float32Panels document)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return ScoreVector512(query, document);
        }

        return Vector256.IsHardwareAccelerated ? ScoreVector256(query, document) : ScoreScalar(query, document);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float ScoreVector512(MaxSimQuery query, Float32Panels document)
    {
        int rows = query.PaddedRows;
        int dimensions = query.Dimensions;
        Span<Vector512<float>> best = rows <= 96 ? stackalloc Vector512<float>[rows] : new Vector512<float>[rows];
        best.Fill(Vector512.Create(float.NegativeInfinity));

        ref float blocks = ref MemoryMarshal.GetArrayDataReference(query.Float32Blocks);
        for (int panel = 0; panel < document.PanelCount; panel++)
        {
            ref float start = ref document.PanelStart(panel);
            int width = document.PanelWidth(panel);
            for (int block = 0; block < rows; block += Rows)
            {
                ref float queryBlock = ref Unsafe.Add(ref blocks, block * dimensions);
                var blockBest = best.Slice(block, Rows);
                switch (query.TokenCount - block)
                {
                    case > 8:
                        Tile512<TwelveRows>(ref start, width, ref queryBlock, dimensions, blockBest);
                        break;
                    case > 4:
                        Tile512<EightRows>(ref start, width, ref queryBlock, dimensions, blockBest);
                        break;
                    default:
                        Tile512<FourRows>(ref start, width, ref queryBlock, dimensions, blockBest);
                        break;
                }
            }
        }

        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            score += MaxAcross(best[row]);
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float ScoreVector256(MaxSimQuery query, Float32Panels document)
    {
        int rows = query.PaddedRows;
        int dimensions = query.Dimensions;
        Span<Vector256<float>> best = rows <= 96 ? stackalloc Vector256<float>[rows] : new Vector256<float>[rows];
        best.Fill(Vector256.Create(float.NegativeInfinity));

        ref float blocks = ref MemoryMarshal.GetArrayDataReference(query.Float32Blocks);
        for (int panel = 0; panel < document.PanelCount; panel++)
        {
            ref float start = ref document.PanelStart(panel);
            int width = document.PanelWidth(panel);
            for (int block = 0; block < rows; block += Rows)
            {
                ref float queryBlock = ref Unsafe.Add(ref blocks, block * dimensions);
                for (int column = 0; column < width; column += Vector256<float>.Count)
                {
                    Tile256(ref Unsafe.Add(ref start, column), width, width - column, ref queryBlock, dimensions, best.Slice(block, Rows));
                }
            }
        }

        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            score += MaxAcross(best[row]);
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float ScoreScalar(MaxSimQuery query, Float32Panels document)
    {
        int dimensions = query.Dimensions;
        float[] blocks = query.Float32Blocks;
        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            int blockStart = row / Rows * Rows * dimensions;
            int lane = row % Rows;
            float best = float.NegativeInfinity;
            for (int panel = 0; panel < document.PanelCount; panel++)
            {
                ref float start = ref document.PanelStart(panel);
                int width = document.PanelWidth(panel);
                for (int token = 0; token < width; token++)
                {
                    float dot = 0f;
                    for (int k = 0; k < dimensions; k++)
                    {
                        dot += blocks[blockStart + (k * Rows) + lane] * Unsafe.Add(ref start, (k * width) + token);
                    }

                    best = Math.Max(best, dot);
                }
            }

            score += best;
        }

        return score;
    }

    /// <summary>
    /// Scores 12 query rows against 32 panel tokens: 24 accumulators, two document loads and one broadcast per
    /// dimension, which fits the 32 vector registers of AVX-512.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Tile512<TRows>(ref float panel, int width, ref float queryBlock, int dimensions, Span<Vector512<float>> best)
        where TRows : struct, IRowCount
    {
        var a0 = Vector512<float>.Zero;
        var a1 = a0; var a2 = a0; var a3 = a0; var a4 = a0; var a5 = a0;
        var a6 = a0; var a7 = a0; var a8 = a0; var a9 = a0; var a10 = a0; var a11 = a0;
        var b0 = a0; var b1 = a0; var b2 = a0; var b3 = a0; var b4 = a0; var b5 = a0;
        var b6 = a0; var b7 = a0; var b8 = a0; var b9 = a0; var b10 = a0; var b11 = a0;

        ref float d = ref panel;
        ref float q = ref queryBlock;
        nuint stride = (nuint)width;
        for (int k = 0; k < dimensions; k++)
        {
            var d0 = Vector512.LoadUnsafe(ref d);
            var d1 = Vector512.LoadUnsafe(ref d, (nuint)Vector512<float>.Count);
            if (Sse.IsSupported)
            {
                // The same row of the next panel: by the time the kernel gets there, the whole panel is in L1.
                byte* ahead = (byte*)Unsafe.AsPointer(ref d) + (Float32Panels.Width * sizeof(float) * dimensions);
                Sse.Prefetch0(ahead);
                Sse.Prefetch0(ahead + 64);
            }

            var s = Vector512.Create(q);
            a0 = Vector512.FusedMultiplyAdd(s, d0, a0); b0 = Vector512.FusedMultiplyAdd(s, d1, b0);
            s = Vector512.Create(Unsafe.Add(ref q, 1));
            a1 = Vector512.FusedMultiplyAdd(s, d0, a1); b1 = Vector512.FusedMultiplyAdd(s, d1, b1);
            s = Vector512.Create(Unsafe.Add(ref q, 2));
            a2 = Vector512.FusedMultiplyAdd(s, d0, a2); b2 = Vector512.FusedMultiplyAdd(s, d1, b2);
            s = Vector512.Create(Unsafe.Add(ref q, 3));
            a3 = Vector512.FusedMultiplyAdd(s, d0, a3); b3 = Vector512.FusedMultiplyAdd(s, d1, b3);
            if (TRows.Count > 4)
            {
                s = Vector512.Create(Unsafe.Add(ref q, 4));
                a4 = Vector512.FusedMultiplyAdd(s, d0, a4); b4 = Vector512.FusedMultiplyAdd(s, d1, b4);
                s = Vector512.Create(Unsafe.Add(ref q, 5));
                a5 = Vector512.FusedMultiplyAdd(s, d0, a5); b5 = Vector512.FusedMultiplyAdd(s, d1, b5);
                s = Vector512.Create(Unsafe.Add(ref q, 6));
                a6 = Vector512.FusedMultiplyAdd(s, d0, a6); b6 = Vector512.FusedMultiplyAdd(s, d1, b6);
                s = Vector512.Create(Unsafe.Add(ref q, 7));
                a7 = Vector512.FusedMultiplyAdd(s, d0, a7); b7 = Vector512.FusedMultiplyAdd(s, d1, b7);
            }

            if (TRows.Count > 8)
            {
                s = Vector512.Create(Unsafe.Add(ref q, 8));
                a8 = Vector512.FusedMultiplyAdd(s, d0, a8); b8 = Vector512.FusedMultiplyAdd(s, d1, b8);
                s = Vector512.Create(Unsafe.Add(ref q, 9));
                a9 = Vector512.FusedMultiplyAdd(s, d0, a9); b9 = Vector512.FusedMultiplyAdd(s, d1, b9);
                s = Vector512.Create(Unsafe.Add(ref q, 10));
                a10 = Vector512.FusedMultiplyAdd(s, d0, a10); b10 = Vector512.FusedMultiplyAdd(s, d1, b10);
                s = Vector512.Create(Unsafe.Add(ref q, 11));
                a11 = Vector512.FusedMultiplyAdd(s, d0, a11); b11 = Vector512.FusedMultiplyAdd(s, d1, b11);
            }

            d = ref Unsafe.Add(ref d, stride);
            q = ref Unsafe.Add(ref q, Rows);
        }

        if (width < Float32Panels.Width)
        {
            // Lanes past the panel's width hold other values of the panel (or the zero slack): never let them win.
            var negativeInfinity = Vector512.Create(float.NegativeInfinity);
            var lanes = Vector512<int>.Indices;
            var low = Vector512.LessThan(lanes, Vector512.Create(width)).AsSingle();
            var high = Vector512.LessThan(lanes, Vector512.Create(width - Vector512<float>.Count)).AsSingle();
            a0 = Vector512.ConditionalSelect(low, a0, negativeInfinity); b0 = Vector512.ConditionalSelect(high, b0, negativeInfinity);
            a1 = Vector512.ConditionalSelect(low, a1, negativeInfinity); b1 = Vector512.ConditionalSelect(high, b1, negativeInfinity);
            a2 = Vector512.ConditionalSelect(low, a2, negativeInfinity); b2 = Vector512.ConditionalSelect(high, b2, negativeInfinity);
            a3 = Vector512.ConditionalSelect(low, a3, negativeInfinity); b3 = Vector512.ConditionalSelect(high, b3, negativeInfinity);
            a4 = Vector512.ConditionalSelect(low, a4, negativeInfinity); b4 = Vector512.ConditionalSelect(high, b4, negativeInfinity);
            a5 = Vector512.ConditionalSelect(low, a5, negativeInfinity); b5 = Vector512.ConditionalSelect(high, b5, negativeInfinity);
            a6 = Vector512.ConditionalSelect(low, a6, negativeInfinity); b6 = Vector512.ConditionalSelect(high, b6, negativeInfinity);
            a7 = Vector512.ConditionalSelect(low, a7, negativeInfinity); b7 = Vector512.ConditionalSelect(high, b7, negativeInfinity);
            a8 = Vector512.ConditionalSelect(low, a8, negativeInfinity); b8 = Vector512.ConditionalSelect(high, b8, negativeInfinity);
            a9 = Vector512.ConditionalSelect(low, a9, negativeInfinity); b9 = Vector512.ConditionalSelect(high, b9, negativeInfinity);
            a10 = Vector512.ConditionalSelect(low, a10, negativeInfinity); b10 = Vector512.ConditionalSelect(high, b10, negativeInfinity);
            a11 = Vector512.ConditionalSelect(low, a11, negativeInfinity); b11 = Vector512.ConditionalSelect(high, b11, negativeInfinity);
        }

        // Dead rows' maxima stay at minus infinity; only live rows are summed.
        best[0] = Vector512.MaxNative(best[0], Vector512.MaxNative(a0, b0));
        best[1] = Vector512.MaxNative(best[1], Vector512.MaxNative(a1, b1));
        best[2] = Vector512.MaxNative(best[2], Vector512.MaxNative(a2, b2));
        best[3] = Vector512.MaxNative(best[3], Vector512.MaxNative(a3, b3));
        if (TRows.Count > 4)
        {
            best[4] = Vector512.MaxNative(best[4], Vector512.MaxNative(a4, b4));
            best[5] = Vector512.MaxNative(best[5], Vector512.MaxNative(a5, b5));
            best[6] = Vector512.MaxNative(best[6], Vector512.MaxNative(a6, b6));
            best[7] = Vector512.MaxNative(best[7], Vector512.MaxNative(a7, b7));
        }

        if (TRows.Count > 8)
        {
            best[8] = Vector512.MaxNative(best[8], Vector512.MaxNative(a8, b8));
            best[9] = Vector512.MaxNative(best[9], Vector512.MaxNative(a9, b9));
            best[10] = Vector512.MaxNative(best[10], Vector512.MaxNative(a10, b10));
            best[11] = Vector512.MaxNative(best[11], Vector512.MaxNative(a11, b11));
        }
    }

    /// <summary>
    /// Scores 12 query rows against 8 panel tokens: 12 accumulators, one document load and one broadcast per
    /// dimension, within the 16 vector registers of AVX2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile256(ref float column, int stride, int remaining, ref float queryBlock, int dimensions, Span<Vector256<float>> best)
    {
        var a0 = Vector256<float>.Zero;
        var a1 = a0; var a2 = a0; var a3 = a0; var a4 = a0; var a5 = a0;
        var a6 = a0; var a7 = a0; var a8 = a0; var a9 = a0; var a10 = a0; var a11 = a0;

        ref float d = ref column;
        ref float q = ref queryBlock;
        for (int k = 0; k < dimensions; k++)
        {
            var v = Vector256.LoadUnsafe(ref d);
            a0 = Vector256.FusedMultiplyAdd(Vector256.Create(q), v, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 1)), v, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 2)), v, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 3)), v, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 4)), v, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 5)), v, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 6)), v, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 7)), v, a7);
            a8 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 8)), v, a8);
            a9 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 9)), v, a9);
            a10 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 10)), v, a10);
            a11 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q, 11)), v, a11);

            d = ref Unsafe.Add(ref d, (nuint)stride);
            q = ref Unsafe.Add(ref q, Rows);
        }

        if (remaining < Vector256<float>.Count)
        {
            var negativeInfinity = Vector256.Create(float.NegativeInfinity);
            var valid = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(remaining)).AsSingle();
            a0 = Vector256.ConditionalSelect(valid, a0, negativeInfinity);
            a1 = Vector256.ConditionalSelect(valid, a1, negativeInfinity);
            a2 = Vector256.ConditionalSelect(valid, a2, negativeInfinity);
            a3 = Vector256.ConditionalSelect(valid, a3, negativeInfinity);
            a4 = Vector256.ConditionalSelect(valid, a4, negativeInfinity);
            a5 = Vector256.ConditionalSelect(valid, a5, negativeInfinity);
            a6 = Vector256.ConditionalSelect(valid, a6, negativeInfinity);
            a7 = Vector256.ConditionalSelect(valid, a7, negativeInfinity);
            a8 = Vector256.ConditionalSelect(valid, a8, negativeInfinity);
            a9 = Vector256.ConditionalSelect(valid, a9, negativeInfinity);
            a10 = Vector256.ConditionalSelect(valid, a10, negativeInfinity);
            a11 = Vector256.ConditionalSelect(valid, a11, negativeInfinity);
        }

        best[0] = Vector256.MaxNative(best[0], a0);
        best[1] = Vector256.MaxNative(best[1], a1);
        best[2] = Vector256.MaxNative(best[2], a2);
        best[3] = Vector256.MaxNative(best[3], a3);
        best[4] = Vector256.MaxNative(best[4], a4);
        best[5] = Vector256.MaxNative(best[5], a5);
        best[6] = Vector256.MaxNative(best[6], a6);
        best[7] = Vector256.MaxNative(best[7], a7);
        best[8] = Vector256.MaxNative(best[8], a8);
        best[9] = Vector256.MaxNative(best[9], a9);
        best[10] = Vector256.MaxNative(best[10], a10);
        best[11] = Vector256.MaxNative(best[11], a11);
    }

    private static float MaxAcross(Vector512<float> value) => MaxAcross(Vector256.MaxNative(value.GetLower(), value.GetUpper()));

    private static float MaxAcross(Vector256<float> value)
    {
        var half = Vector128.MaxNative(value.GetLower(), value.GetUpper());
        return Math.Max(Math.Max(half[0], half[1]), Math.Max(half[2], half[3]));
    }
}

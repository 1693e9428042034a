using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// Approximate MaxSim over int8 vectors: the integer dot products are exact, then scaled by the document token's
/// and the query token's scales.
/// </summary>
/// <remarks>
/// The VNNI kernel (<c>vpdpbusd</c> on 256-bit vectors) does 32 byte multiply-adds per instruction, twice the
/// work of a 512-bit single-precision FMA, on a quarter of the memory traffic. .NET exposes VNNI only in its
/// VEX form, which addresses 16 registers, hence blocks of 6 query rows by 16 document tokens (12 accumulators).
/// Accumulators start at <c>-128 * sum(q)</c> to cancel the document's +128 byte offset. Because every query scale
/// is non-negative, it is applied once to each row's maximum rather than to every product.
/// </remarks>
internal static class Int8MaxSim
{
    private const int Rows = MaxSimQuery.Int8RowBlock;

    public static float Score(MaxSimQuery query, Int8Panels document)
        => AvxVnni.IsSupported ? ScoreVnni(query, document) : ScoreScalar(query, document);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float ScoreVnni(MaxSimQuery query, Int8Panels document)
    {
        int rows = query.PaddedRows;
        int quads = document.Quads;
        Span<Vector256<float>> best = rows <= 96 ? stackalloc Vector256<float>[rows] : new Vector256<float>[rows];
        best.Fill(Vector256.Create(float.NegativeInfinity));

        ref int words = ref MemoryMarshal.GetArrayDataReference(query.Int8Words);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(query.Int8Offsets);
        for (int panel = 0; panel < document.PanelCount; panel++)
        {
            ref int start = ref document.PanelStart(panel);
            ref float scales = ref document.PanelScales(panel);
            int width = document.PanelWidth(panel);
            for (int block = 0; block < query.TokenCount; block += Rows)
            {
                switch (query.TokenCount - block)
                {
                    case > 4:
                        Tile<SixRows>(
                    ref start,
                    ref scales,
                    width,
                    ref Unsafe.Add(ref words, block * quads),
                    ref Unsafe.Add(ref offsets, block),
                    quads,
                    best.Slice(block, Rows));
                        break;
                    case > 2:
                        Tile<FourRows>(
                    ref start,
                    ref scales,
                    width,
                    ref Unsafe.Add(ref words, block * quads),
                    ref Unsafe.Add(ref offsets, block),
                    quads,
                    best.Slice(block, Rows));
                        break;
                    default:
                        Tile<TwoRows>(
                    ref start,
                    ref scales,
                    width,
                    ref Unsafe.Add(ref words, block * quads),
                    ref Unsafe.Add(ref offsets, block),
                    quads,
                    best.Slice(block, Rows));
                        break;
                }
            }
        }

        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            var half = Vector128.MaxNative(best[row].GetLower(), best[row].GetUpper());
            float max = Math.Max(Math.Max(half[0], half[1]), Math.Max(half[2], half[3]));
            score += max * query.Int8Scales[row];
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float ScoreScalar(MaxSimQuery query, Int8Panels document)
    {
        int quads = document.Quads;
        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            int blockStart = row / Rows * Rows * quads;
            int lane = row % Rows;
            float best = float.NegativeInfinity;
            for (int panel = 0; panel < document.PanelCount; panel++)
            {
                ref int start = ref document.PanelStart(panel);
                int width = document.PanelWidth(panel);
                for (int token = 0; token < width; token++)
                {
                    int dot = query.Int8Offsets[row];
                    for (int quad = 0; quad < quads; quad++)
                    {
                        int queryWord = query.Int8Words[blockStart + (quad * Rows) + lane];
                        int documentWord = Unsafe.Add(ref start, (quad * width) + token);
                        for (int j = 0; j < 32; j += 8)
                        {
                            dot += (byte)(documentWord >> j) * (sbyte)(queryWord >> j);
                        }
                    }

                    best = Math.Max(best, dot * Unsafe.Add(ref document.PanelScales(panel), token));
                }
            }

            score += best * query.Int8Scales[row];
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(
        ref int panel, ref float scales, int width, ref int queryBlock, ref int offsets, int quads, Span<Vector256<float>> best)
        where TRows : struct, IRowCount
    {
        var a0 = Vector256.Create(offsets);
        var a1 = Vector256.Create(Unsafe.Add(ref offsets, 1));
        var a2 = Vector256.Create(Unsafe.Add(ref offsets, 2));
        var a3 = Vector256.Create(Unsafe.Add(ref offsets, 3));
        var a4 = Vector256.Create(Unsafe.Add(ref offsets, 4));
        var a5 = Vector256.Create(Unsafe.Add(ref offsets, 5));
        var b0 = a0; var b1 = a1; var b2 = a2; var b3 = a3; var b4 = a4; var b5 = a5;

        ref int d = ref panel;
        ref int q = ref queryBlock;
        nuint stride = (nuint)width;
        for (int quad = 0; quad < quads; quad++)
        {
            var d0 = Vector256.LoadUnsafe(ref d).AsByte();
            var d1 = Vector256.LoadUnsafe(ref d, (nuint)Vector256<int>.Count).AsByte();

            var s = Vector256.Create(q).AsSByte();
            a0 = AvxVnni.MultiplyWideningAndAdd(a0, d0, s); b0 = AvxVnni.MultiplyWideningAndAdd(b0, d1, s);
            s = Vector256.Create(Unsafe.Add(ref q, 1)).AsSByte();
            a1 = AvxVnni.MultiplyWideningAndAdd(a1, d0, s); b1 = AvxVnni.MultiplyWideningAndAdd(b1, d1, s);
            if (TRows.Count > 2)
            {
                s = Vector256.Create(Unsafe.Add(ref q, 2)).AsSByte();
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, d0, s); b2 = AvxVnni.MultiplyWideningAndAdd(b2, d1, s);
                s = Vector256.Create(Unsafe.Add(ref q, 3)).AsSByte();
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, d0, s); b3 = AvxVnni.MultiplyWideningAndAdd(b3, d1, s);
            }

            if (TRows.Count > 4)
            {
                s = Vector256.Create(Unsafe.Add(ref q, 4)).AsSByte();
                a4 = AvxVnni.MultiplyWideningAndAdd(a4, d0, s); b4 = AvxVnni.MultiplyWideningAndAdd(b4, d1, s);
                s = Vector256.Create(Unsafe.Add(ref q, 5)).AsSByte();
                a5 = AvxVnni.MultiplyWideningAndAdd(a5, d0, s); b5 = AvxVnni.MultiplyWideningAndAdd(b5, d1, s);
            }

            d = ref Unsafe.Add(ref d, stride);
            q = ref Unsafe.Add(ref q, Rows);
        }

        var scaleLow = Vector256.LoadUnsafe(ref scales);
        var scaleHigh = Vector256.LoadUnsafe(ref scales, (nuint)Vector256<float>.Count);
        var x0 = Vector256.ConvertToSingle(a0) * scaleLow; var y0 = Vector256.ConvertToSingle(b0) * scaleHigh;
        var x1 = Vector256.ConvertToSingle(a1) * scaleLow; var y1 = Vector256.ConvertToSingle(b1) * scaleHigh;
        var x2 = Vector256.ConvertToSingle(a2) * scaleLow; var y2 = Vector256.ConvertToSingle(b2) * scaleHigh;
        var x3 = Vector256.ConvertToSingle(a3) * scaleLow; var y3 = Vector256.ConvertToSingle(b3) * scaleHigh;
        var x4 = Vector256.ConvertToSingle(a4) * scaleLow; var y4 = Vector256.ConvertToSingle(b4) * scaleHigh;
        var x5 = Vector256.ConvertToSingle(a5) * scaleLow; var y5 = Vector256.ConvertToSingle(b5) * scaleHigh;

        if (width < Int8Panels.Width)
        {
            var negativeInfinity = Vector256.Create(float.NegativeInfinity);
            var lanes = Vector256<int>.Indices;
            var low = Vector256.LessThan(lanes, Vector256.Create(width)).AsSingle();
            var high = Vector256.LessThan(lanes, Vector256.Create(width - Vector256<int>.Count)).AsSingle();
            x0 = Vector256.ConditionalSelect(low, x0, negativeInfinity); y0 = Vector256.ConditionalSelect(high, y0, negativeInfinity);
            x1 = Vector256.ConditionalSelect(low, x1, negativeInfinity); y1 = Vector256.ConditionalSelect(high, y1, negativeInfinity);
            x2 = Vector256.ConditionalSelect(low, x2, negativeInfinity); y2 = Vector256.ConditionalSelect(high, y2, negativeInfinity);
            x3 = Vector256.ConditionalSelect(low, x3, negativeInfinity); y3 = Vector256.ConditionalSelect(high, y3, negativeInfinity);
            x4 = Vector256.ConditionalSelect(low, x4, negativeInfinity); y4 = Vector256.ConditionalSelect(high, y4, negativeInfinity);
            x5 = Vector256.ConditionalSelect(low, x5, negativeInfinity); y5 = Vector256.ConditionalSelect(high, y5, negativeInfinity);
        }

        best[0] = Vector256.MaxNative(best[0], Vector256.MaxNative(x0, y0));
        best[1] = Vector256.MaxNative(best[1], Vector256.MaxNative(x1, y1));
        if (TRows.Count > 2)
        {
            best[2] = Vector256.MaxNative(best[2], Vector256.MaxNative(x2, y2));
            best[3] = Vector256.MaxNative(best[3], Vector256.MaxNative(x3, y3));
        }

        if (TRows.Count > 4)
        {
            best[4] = Vector256.MaxNative(best[4], Vector256.MaxNative(x4, y4));
            best[5] = Vector256.MaxNative(best[5], Vector256.MaxNative(x5, y5));
        }
    }
}

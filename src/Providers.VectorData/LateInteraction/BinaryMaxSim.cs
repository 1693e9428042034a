using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// MaxSim over sign bits: for each query token, the smallest Hamming distance to any document token, turned into a
/// similarity in [-1, 1] (<c>1 - 2 * distance / dimensions</c>, the fraction of agreeing signs rescaled) and summed.
/// </summary>
/// <remarks>
/// The AVX-512 kernel looks up 64 document tokens' nibble distances per byte shuffle and adds them in bytes. A byte
/// holds at most 63 nibbles' worth (252 bits), so longer vectors are summed in chunks of 63 nibbles and widened to
/// 16 bits between chunks: distances are exact for every dimension count.
/// </remarks>
internal static class BinaryMaxSim
{
    private const int Rows = MaxSimQuery.RowBlock;

    /// <summary>The most nibbles whose distances (at most 4 each) a byte can sum.</summary>
    private const int NibblesPerChunk = 63;

    public static float Score(MaxSimQuery query, BinaryPanels document)
        => Avx512BW.IsSupported ? ScoreAvx512(query, document) : ScoreScalar(query, document);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe float ScoreAvx512(MaxSimQuery query, BinaryPanels document)
    {
        int rows = query.PaddedRows;
        int nibbles = document.Nibbles;

        // Per row, the lowest distance seen in each byte lane, widened to two vectors of 16-bit lanes.
        Span<Vector512<ushort>> best = rows <= 96 ? stackalloc Vector512<ushort>[2 * rows] : new Vector512<ushort>[2 * rows];
        best.Fill(Vector512<ushort>.AllBitsSet);
        Span<Vector512<ushort>> distances = stackalloc Vector512<ushort>[2 * Rows];

        // A pointer lets each table load be one broadcast instruction (vbroadcasti32x4).
        fixed (byte* tables = query.BinaryTables)
        {
            for (int panel = 0; panel < document.PanelCount; panel++)
            {
                ref byte start = ref document.PanelStart(panel);
                int width = document.PanelWidth(panel);
                if (Sse.IsSupported && panel + 1 < document.PanelCount)
                {
                    // The next panel is read only after every query block has passed over this one: fetch it meanwhile.
                    byte* next = (byte*)Unsafe.AsPointer(ref document.PanelStart(panel + 1));
                    for (int line = 0; line < document.PanelWidth(panel + 1) * nibbles; line += 64)
                    {
                        Sse.Prefetch0(next + line);
                    }
                }

                for (int block = 0; block < rows; block += Rows)
                {
                    distances.Clear();
                    byte* blockTables = tables + (block * nibbles * 16);
                    int live = query.TokenCount - block;
                    for (int first = 0; first < nibbles; first += NibblesPerChunk)
                    {
                        int count = Math.Min(NibblesPerChunk, nibbles - first);
                        ref byte chunk = ref Unsafe.Add(ref start, first * width);
                        byte* chunkTables = blockTables + (first * Rows * 16);
                        switch (live)
                        {
                            case > 8:
                                Chunk<TwelveRows>(ref chunk, width, chunkTables, count, distances);
                                break;
                            case > 4:
                                Chunk<EightRows>(ref chunk, width, chunkTables, count, distances);
                                break;
                            default:
                                Chunk<FourRows>(ref chunk, width, chunkTables, count, distances);
                                break;
                        }
                    }

                    Fold(distances, width, best.Slice(2 * block, 2 * Rows));
                }
            }
        }

        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            var lowest = Vector512.Min(best[2 * row], best[(2 * row) + 1]);
            var quarter = Vector128.Min(
                Vector128.Min(lowest.GetLower().GetLower(), lowest.GetLower().GetUpper()),
                Vector128.Min(lowest.GetUpper().GetLower(), lowest.GetUpper().GetUpper()));
            int distance = ushort.MaxValue;
            for (int i = 0; i < Vector128<ushort>.Count; i++)
            {
                distance = Math.Min(distance, quarter[i]);
            }

            score += Similarity(distance, query.Dimensions);
        }

        return score;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static float ScoreScalar(MaxSimQuery query, BinaryPanels document)
    {
        int nibbles = document.Nibbles;
        byte[] tables = query.BinaryTables;
        float score = 0f;
        for (int row = 0; row < query.TokenCount; row++)
        {
            int block = row / Rows;
            int lane = row % Rows;
            int lowest = int.MaxValue;
            for (int panel = 0; panel < document.PanelCount; panel++)
            {
                ref byte start = ref document.PanelStart(panel);
                int width = document.PanelWidth(panel);
                for (int token = 0; token < width; token++)
                {
                    int distance = 0;
                    for (int n = 0; n < nibbles; n++)
                    {
                        int nibble = Unsafe.Add(ref start, (n * width) + token);
                        distance += tables[(((((block * nibbles) + n) * Rows) + lane) * 16) + nibble];
                    }

                    lowest = Math.Min(lowest, distance);
                }
            }

            score += Similarity(lowest, query.Dimensions);
        }

        return score;
    }

    private static float Similarity(int distance, int dimensions) => 1f - (2f * distance / dimensions);

    /// <summary>Adds the distances of up to 63 nibbles for 12 rows and one panel to the 16-bit totals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Chunk<TRows>(ref byte panel, int width, byte* tables, int nibbles, Span<Vector512<ushort>> distances)
        where TRows : struct, IRowCount
    {
        var a0 = Vector512<byte>.Zero;
        var a1 = a0; var a2 = a0; var a3 = a0; var a4 = a0; var a5 = a0;
        var a6 = a0; var a7 = a0; var a8 = a0; var a9 = a0; var a10 = a0; var a11 = a0;

        ref byte d = ref panel;
        uint* t = (uint*)tables;
        nuint stride = (nuint)width;
        for (int n = 0; n < nibbles; n++)
        {
            var v = Vector512.LoadUnsafe(ref d);
            a0 += Avx512BW.Shuffle(Table(t, 0), v);
            a1 += Avx512BW.Shuffle(Table(t, 1), v);
            a2 += Avx512BW.Shuffle(Table(t, 2), v);
            a3 += Avx512BW.Shuffle(Table(t, 3), v);
            if (TRows.Count > 4)
            {
                a4 += Avx512BW.Shuffle(Table(t, 4), v);
                a5 += Avx512BW.Shuffle(Table(t, 5), v);
                a6 += Avx512BW.Shuffle(Table(t, 6), v);
                a7 += Avx512BW.Shuffle(Table(t, 7), v);
            }

            if (TRows.Count > 8)
            {
                a8 += Avx512BW.Shuffle(Table(t, 8), v);
                a9 += Avx512BW.Shuffle(Table(t, 9), v);
                a10 += Avx512BW.Shuffle(Table(t, 10), v);
                a11 += Avx512BW.Shuffle(Table(t, 11), v);
            }

            d = ref Unsafe.Add(ref d, stride);
            t += Rows * 4;
        }

        // Dead rows keep zero distances; only live rows are summed.
        Add(distances, 0, a0); Add(distances, 1, a1); Add(distances, 2, a2); Add(distances, 3, a3);
        if (TRows.Count > 4)
        {
            Add(distances, 4, a4); Add(distances, 5, a5); Add(distances, 6, a6); Add(distances, 7, a7);
        }

        if (TRows.Count > 8)
        {
            Add(distances, 8, a8); Add(distances, 9, a9); Add(distances, 10, a10); Add(distances, 11, a11);
        }
    }

    /// <summary>Broadcasts a row's 16-entry table to the four 128-bit lanes that <c>vpshufb</c> looks up in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<byte> Table(uint* tables, int row)
        => Avx512F.BroadcastVector128ToVector512(tables + (row * 4)).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(Span<Vector512<ushort>> distances, int row, Vector512<byte> chunk)
    {
        distances[2 * row] += Vector512.WidenLower(chunk);
        distances[(2 * row) + 1] += Vector512.WidenUpper(chunk);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fold(Span<Vector512<ushort>> distances, int width, Span<Vector512<ushort>> best)
    {
        if (width < BinaryPanels.Width)
        {
            // Lanes past the panel's width hold other nibbles of the panel: make them lose every minimum.
            var lanes = Vector512<ushort>.Indices;
            var low = Vector512.LessThan(lanes, Vector512.Create((ushort)width));
            var high = Vector512.LessThan(lanes + Vector512.Create((ushort)Vector512<ushort>.Count), Vector512.Create((ushort)width));
            for (int row = 0; row < Rows; row++)
            {
                distances[2 * row] |= ~low;
                distances[(2 * row) + 1] |= ~high;
            }
        }

        for (int i = 0; i < 2 * Rows; i++)
        {
            best[i] = Vector512.Min(best[i], distances[i]);
        }
    }
}

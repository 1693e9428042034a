using System.Numerics;
using System.Runtime.InteropServices;
using Providers.Core;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A query's token vectors, prepared once for every MaxSim kernel: copied into register-sized row blocks, quantized
/// to int8, and turned into sign-distance lookup tables.
/// </summary>
/// <remarks>
/// The micro-kernels score <see cref="RowBlock"/> query tokens against one document panel at a time, holding one
/// accumulator per (query token, vector of document tokens) in registers. Rows are padded with zero vectors up to a
/// multiple of <see cref="RowBlock"/>; padded rows are computed and then ignored. Instances are immutable and may be
/// shared between threads.
/// </remarks>
public sealed class MaxSimQuery
{
    /// <summary>Query tokens per single-precision and binary micro-tile.</summary>
    internal const int RowBlock = 12;

    /// <summary>Query tokens per int8 micro-tile: the VNNI kernel has only the 16 VEX-encodable registers.</summary>
    internal const int Int8RowBlock = 6;

    private MaxSimQuery(ReadOnlySpan<float> rows, int tokenCount, int dimensions)
    {
        TokenCount = tokenCount;
        Dimensions = dimensions;
        PaddedRows = (tokenCount + RowBlock - 1) / RowBlock * RowBlock;

        Float32Blocks = BlockFloat32(rows, tokenCount, dimensions, PaddedRows);
        (Int8Words, Int8Offsets, Int8Scales) = QuantizeInt8(rows, tokenCount, dimensions, PaddedRows);
        BinaryTables = BuildBinaryTables(rows, tokenCount, dimensions, PaddedRows);
    }

    /// <summary>Gets the number of query token vectors.</summary>
    public int TokenCount { get; }

    /// <summary>Gets the length of each token vector.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the row count including the zero rows that complete the last block.</summary>
    internal int PaddedRows { get; }

    /// <summary>Gets the rows as <c>[block][dimension][RowBlock]</c>: one dimension of a block's rows is contiguous.</summary>
    internal float[] Float32Blocks { get; }

    /// <summary>Gets the int8 rows as <c>[block][quad][Int8RowBlock]</c> words of four signed bytes.</summary>
    internal int[] Int8Words { get; }

    /// <summary>Gets, per padded row, <c>-128 * sum(q)</c>: the correction for the document's +128 byte offset.</summary>
    internal int[] Int8Offsets { get; }

    /// <summary>Gets the int8 scale of each padded row.</summary>
    internal float[] Int8Scales { get; }

    /// <summary>
    /// Gets the sign-distance tables as <c>[block][nibble][RowBlock][16]</c>: entry <c>i</c> is the number of
    /// differing bits between document nibble <c>i</c> and the row's nibble.
    /// </summary>
    internal byte[] BinaryTables { get; }

    /// <summary>Prepares a query from row-major <c>[tokens x dimensions]</c> vectors.</summary>
    /// <param name="vectors">The token vectors, row after row; they are copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <exception cref="ArgumentException">The buffer is empty, not a whole number of vectors, or holds NaN or an infinity.</exception>
    public static MaxSimQuery Create(ReadOnlySpan<float> vectors, int dimensions)
    {
        int tokenCount = TokenVectors.Validate(vectors, dimensions, nameof(vectors));
        return new MaxSimQuery(vectors, tokenCount, dimensions);
    }

    /// <summary>Prepares a query from a multi-vector embedding.</summary>
    /// <param name="embedding">The query embedding; its vectors are copied.</param>
    /// <exception cref="ArgumentException">The embedding holds NaN or an infinity.</exception>
    public static MaxSimQuery Create(MultiVectorEmbedding embedding)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        return Create(embedding.Vectors.Span, embedding.Dimensions);
    }

    private static float[] BlockFloat32(ReadOnlySpan<float> rows, int tokenCount, int dimensions, int paddedRows)
    {
        var blocks = new float[paddedRows * dimensions];
        for (int row = 0; row < tokenCount; row++)
        {
            int block = row / RowBlock;
            int lane = row % RowBlock;
            ReadOnlySpan<float> vector = rows.Slice(row * dimensions, dimensions);
            Span<float> destination = blocks.AsSpan(block * RowBlock * dimensions);
            for (int k = 0; k < dimensions; k++)
            {
                destination[(k * RowBlock) + lane] = vector[k];
            }
        }

        return blocks;
    }

    private static (int[] Words, int[] Offsets, float[] Scales) QuantizeInt8(
        ReadOnlySpan<float> rows, int tokenCount, int dimensions, int paddedRows)
    {
        int quads = Int8Panels.QuadCount(dimensions);
        var words = new int[paddedRows * quads];
        var offsets = new int[paddedRows];
        var scales = new float[paddedRows];
        Span<sbyte> quantized = quads <= 256 ? stackalloc sbyte[quads * 4] : new sbyte[quads * 4];
        for (int row = 0; row < tokenCount; row++)
        {
            quantized.Clear();
            scales[row] = Int8Quantization.Quantize(rows.Slice(row * dimensions, dimensions), quantized);

            int sum = 0;
            foreach (sbyte value in quantized)
            {
                sum += value;
            }

            offsets[row] = -Int8Panels.Offset * sum;

            ReadOnlySpan<int> rowWords = MemoryMarshal.Cast<sbyte, int>(quantized);
            int block = row / Int8RowBlock;
            int lane = row % Int8RowBlock;
            for (int quad = 0; quad < quads; quad++)
            {
                words[(((block * quads) + quad) * Int8RowBlock) + lane] = rowWords[quad];
            }
        }

        return (words, offsets, scales);
    }

    private static byte[] BuildBinaryTables(ReadOnlySpan<float> rows, int tokenCount, int dimensions, int paddedRows)
    {
        int nibbles = BinaryPanels.NibbleCount(dimensions);
        var tables = new byte[paddedRows * nibbles * 16];
        for (int row = 0; row < tokenCount; row++)
        {
            ReadOnlySpan<float> vector = rows.Slice(row * dimensions, dimensions);
            int block = row / RowBlock;
            int lane = row % RowBlock;
            for (int n = 0; n < nibbles; n++)
            {
                int queryNibble = BinaryPanels.SignNibble(vector, n);
                Span<byte> table = tables.AsSpan((((((block * nibbles) + n) * RowBlock) + lane) * 16), 16);
                for (int i = 0; i < 16; i++)
                {
                    table[i] = (byte)BitOperations.PopCount((uint)(i ^ queryNibble));
                }
            }
        }

        return tables;
    }
}

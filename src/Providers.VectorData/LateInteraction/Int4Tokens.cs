using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors quantized to 4 bits per dimension with one scale per token (<c>x ≈ scale * q</c>, q in
/// [-7, 7], stored <c>q + 8</c>): 68 bytes per 128-dimensional token, an eighth of single precision.
/// </summary>
/// <remarks>
/// This form is only rescored, a hundred or so documents per query, so it is expanded into single-precision panels
/// that the single-precision kernel then scores. It is laid out for that expansion: in panels of
/// <see cref="Float32Panels.Width"/> tokens (the last one padded with zero-scale tokens), dimension-major, each
/// dimension of a panel one 16-byte vector whose byte <c>j</c> holds token <c>j</c> in its low nibble and token
/// <c>j + 16</c> in its high nibble.
/// </remarks>
internal sealed class Int4Tokens
{
    private const int Levels = 7;
    private const int Width = Float32Panels.Width;
    private const int BytesPerPanelRow = Width / 2;

    private readonly byte[] _codes;
    private readonly float[] _scales;

    private Int4Tokens(byte[] codes, float[] scales, int tokenCount, int dimensions)
    {
        _codes = codes;
        _scales = scales;
        TokenCount = tokenCount;
        Dimensions = dimensions;
        PanelCount = (tokenCount + Width - 1) / Width;
    }

    public int TokenCount { get; }

    public int Dimensions { get; }

    public int PanelCount { get; }

    public Span<byte> CodeBytes => _codes;

    public Span<byte> ScaleBytes => MemoryMarshal.AsBytes(_scales.AsSpan());

    public static long Bytes(int tokenCount, int dimensions)
    {
        long panels = (tokenCount + Width - 1) / Width;
        return (panels * dimensions * BytesPerPanelRow) + (panels * Width * sizeof(float));
    }

    public static Int4Tokens Allocate(int tokenCount, int dimensions)
    {
        int panels = (tokenCount + Width - 1) / Width;
        return new(new byte[panels * dimensions * BytesPerPanelRow], new float[panels * Width], tokenCount, dimensions);
    }

    public static Int4Tokens Pack(ReadOnlySpan<float> rows, int tokenCount, int dimensions)
    {
        var tokens = Allocate(tokenCount, dimensions);
        for (int t = 0; t < tokenCount; t++)
        {
            var row = rows.Slice(t * dimensions, dimensions);
            float scale = Math.Abs(TensorPrimitives.MaxMagnitude(row)) / Levels;
            tokens._scales[t] = scale;
            float inverse = scale == 0f ? 0f : 1f / scale;
            int panel = t / Width;
            int lane = t % Width;
            int shift = lane < BytesPerPanelRow ? 0 : 4;
            for (int k = 0; k < dimensions; k++)
            {
                int code = (int)Math.Clamp(MathF.Round(row[k] * inverse), -Levels, Levels) + 8;
                tokens._codes[(((panel * dimensions) + k) * BytesPerPanelRow) + (lane % BytesPerPanelRow)] |= (byte)(code << shift);
            }
        }

        return tokens;
    }

    /// <summary>Writes the dequantized vectors in row-major order.</summary>
    public void CopyRowsTo(Span<float> rows)
    {
        var panels = Float32Panels.Scratch(TokenCount, Dimensions);
        ExpandTo(panels);
        panels.CopyRowsTo(rows);
    }

    /// <summary>Expands into single-precision panels, which must have this document's shape.</summary>
    public void ExpandTo(Float32Panels panels)
    {
        var low = Vector128.Create((byte)0x0F);
        Span<float> full = stackalloc float[Width];
        for (int panel = 0; panel < PanelCount; panel++)
        {
            int width = panels.PanelWidth(panel);
            Span<float> block = panels.PanelSpan(panel);
            ref float scales = ref _scales[panel * Width];
            var s0 = Vector256.LoadUnsafe(ref scales);
            var s1 = Vector256.LoadUnsafe(ref scales, 8);
            var s2 = Vector256.LoadUnsafe(ref scales, 16);
            var s3 = Vector256.LoadUnsafe(ref scales, 24);
            ref byte codes = ref _codes[panel * Dimensions * BytesPerPanelRow];
            for (int k = 0; k < Dimensions; k++)
            {
                var packed = Vector128.LoadUnsafe(ref codes, (nuint)(k * BytesPerPanelRow));
                var first = Vector128.BitwiseAnd(packed, low);
                var second = Vector128.ShiftRightLogical(packed, 4);
                Span<float> destination = width == Width ? block.Slice(k * Width, Width) : full;
                Expand(Vector128.WidenLower(first), s0, destination);
                Expand(Vector128.WidenUpper(first), s1, destination[8..]);
                Expand(Vector128.WidenLower(second), s2, destination[16..]);
                Expand(Vector128.WidenUpper(second), s3, destination[24..]);
                if (width < Width)
                {
                    full[..width].CopyTo(block.Slice(k * width, width));
                }
            }
        }
    }

    /// <summary>Writes <c>(code - 8) * scale</c> for eight tokens.</summary>
    private static void Expand(Vector128<ushort> codes, Vector256<float> scales, Span<float> destination)
    {
        var values = Vector256.Create(Vector128.WidenLower(codes), Vector128.WidenUpper(codes)).AsInt32();
        ((Vector256.ConvertToSingle(values) - Vector256.Create(8f)) * scales).CopyTo(destination);
    }
}

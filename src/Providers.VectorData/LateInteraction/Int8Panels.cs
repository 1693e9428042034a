using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors quantized to int8 with one scale per token, laid out for the VNNI dot-product
/// instruction (<c>vpdpbusd</c>), which multiplies four unsigned bytes by four signed bytes and adds the four
/// products into one 32-bit lane.
/// </summary>
/// <remarks>
/// Dimensions are grouped in quads (zero-extended to a multiple of four). Each token's quad is one 32-bit word, so
/// panel <c>p</c> of width <c>w</c> is <c>[quad][token]</c> words starting at word <c>p * Width * Quads</c>. The
/// instruction wants one operand unsigned: values are stored offset by +128 (<c>q + 128</c> in [1, 255]) and the
/// query side subtracts <c>128 * sum(query)</c>, so the integer dot product stays exact. Only the last panel may
/// be narrower; it is stored at its own width and the kernels mask its missing lanes.
/// </remarks>
internal sealed class Int8Panels
{
    /// <summary>Tokens per panel: two 256-bit vectors of 32-bit lanes.</summary>
    public const int Width = 16;

    /// <summary>The stored byte of a zero component.</summary>
    public const byte Offset = 128;

    /// <summary><see cref="Offset"/> in each byte of a word.</summary>
    private const int OffsetWord = unchecked((int)0x80808080);

    private readonly AlignedArray<int> _words;
    private readonly AlignedArray<float> _scales;

    private Int8Panels(AlignedArray<int> words, AlignedArray<float> scales, int tokenCount, int dimensions)
    {
        _words = words;
        _scales = scales;
        TokenCount = tokenCount;
        Dimensions = dimensions;
        Quads = QuadCount(dimensions);
        PanelCount = (tokenCount + Width - 1) / Width;
    }

    public int TokenCount { get; }

    public int Dimensions { get; }

    public int Quads { get; }

    public int PanelCount { get; }

    public static int QuadCount(int dimensions) => (dimensions + 3) / 4;

    public int PanelWidth(int panel) => panel < PanelCount - 1 ? Width : TokenCount - (panel * Width);

    /// <summary>Gets a reference to the first word of a panel.</summary>
    public ref int PanelStart(int panel) => ref Unsafe.Add(ref _words.First, panel * Width * Quads);

    /// <summary>Gets a reference to the scale of a panel's first token; a panel's scales are consecutive.</summary>
    public ref float PanelScales(int panel) => ref Unsafe.Add(ref _scales.First, panel * Width);

    /// <summary>Gets the packed words as bytes, as a collection file stores them.</summary>
    public Span<byte> WordBytes => MemoryMarshal.AsBytes(_words.Span);

    /// <summary>Gets the per-token scales as bytes, as a collection file stores them.</summary>
    public Span<byte> ScaleBytes => MemoryMarshal.AsBytes(_scales.Span);

    /// <summary>Allocates zeroed panels for a reader to fill through <see cref="WordBytes"/> and <see cref="ScaleBytes"/>.</summary>
    public static Int8Panels Allocate(int tokenCount, int dimensions)
        => new(
            AlignedArray<int>.Allocate(tokenCount * QuadCount(dimensions), slack: Width),
            AlignedArray<float>.Allocate(tokenCount, slack: Width),
            tokenCount,
            dimensions);

    /// <summary>
    /// Wraps packed words and scales laid out as <see cref="WordBytes"/> and <see cref="ScaleBytes"/> in memory that
    /// <paramref name="owner"/> keeps valid (a mapped collection file), each on a 64-byte boundary with a readable slack.
    /// </summary>
    public static unsafe Int8Panels Over(byte* words, byte* scales, int tokenCount, int dimensions, object owner)
        => new(
            AlignedArray<int>.Over((int*)words, tokenCount * QuadCount(dimensions), owner),
            AlignedArray<float>.Over((float*)scales, tokenCount, owner),
            tokenCount,
            dimensions);

    /// <summary>Gets whether the panels live in a mapped file rather than in memory of their own.</summary>
    public bool IsMapped => _words.IsExternal;

    public static Int8Panels Pack(ReadOnlySpan<float> rows, int tokenCount, int dimensions)
    {
        int quads = QuadCount(dimensions);
        var panels = Allocate(tokenCount, dimensions);
        Span<int> words = panels._words.Span;
        Span<float> scales = panels._scales.Span;

        // The padding components past the last dimension stay zero; Quantize writes every other one.
        Span<sbyte> quantized = quads <= 256 ? stackalloc sbyte[quads * 4] : new sbyte[quads * 4];
        quantized.Clear();
        ref int quantizedWords = ref Unsafe.As<sbyte, int>(ref MemoryMarshal.GetReference(quantized));
        for (int panel = 0; panel < panels.PanelCount; panel++)
        {
            int width = panels.PanelWidth(panel);
            Span<int> panelWords = words.Slice(panel * Width * quads, width * quads);
            for (int lane = 0; lane < width; lane++)
            {
                int token = (panel * Width) + lane;
                scales[token] = Int8Quantization.Quantize(rows.Slice(token * dimensions, dimensions), quantized);

                // The token's words go down its lane, one per quad; the slice above bounds every one of them.
                ref int word = ref Unsafe.Add(ref MemoryMarshal.GetReference(panelWords), lane);
                for (int quad = 0; quad < quads; quad++)
                {
                    // q + 128 for each of the four bytes: in [-127, 127], adding 128 flips the top bit.
                    Unsafe.Add(ref word, quad * width) = Unsafe.Add(ref quantizedWords, quad) ^ OffsetWord;
                }
            }
        }

        return panels;
    }

    /// <summary>Writes the dequantized vectors (<c>scale * q</c>) in row-major order.</summary>
    public void CopyRowsTo(Span<float> rows)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(_words.Span);
        ReadOnlySpan<float> scales = _scales.Span;
        for (int token = 0; token < TokenCount; token++)
        {
            int panel = token / Width;
            int width = PanelWidth(panel);
            int panelByte = panel * Width * Quads * 4;
            int lane = token - (panel * Width);
            Span<float> row = rows.Slice(token * Dimensions, Dimensions);
            for (int k = 0; k < Dimensions; k++)
            {
                int at = panelByte + ((((k / 4) * width) + lane) * 4) + (k % 4);
                row[k] = (bytes[at] - Offset) * scales[token];
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors reduced to sign bits, stored as nibbles (four dimensions per byte) in panels of
/// <see cref="Width"/> tokens, one byte lane per token.
/// </summary>
/// <remarks>
/// The Hamming distance between two sign codes is the XOR's popcount. With the document stored as nibbles, the
/// query's XOR and popcount fold into one 16-entry table per query nibble (<c>popcount(i ^ q)</c>), and a byte
/// shuffle (<c>vpshufb</c>) looks up 64 tokens at once. Panel <c>p</c> of width <c>w</c> is <c>[nibble][token]</c>
/// bytes starting at <c>p * Width * Nibbles</c>; only the last panel may be narrower.
/// </remarks>
internal sealed class BinaryPanels
{
    /// <summary>Tokens per panel: one byte lane each in a 512-bit vector.</summary>
    public const int Width = 64;

    private readonly AlignedArray<byte> _nibbles;

    private BinaryPanels(AlignedArray<byte> nibbles, int tokenCount, int dimensions)
    {
        _nibbles = nibbles;
        TokenCount = tokenCount;
        Dimensions = dimensions;
        Nibbles = NibbleCount(dimensions);
        PanelCount = (tokenCount + Width - 1) / Width;
    }

    public int TokenCount { get; }

    public int Dimensions { get; }

    public int Nibbles { get; }

    public int PanelCount { get; }

    public static int NibbleCount(int dimensions) => (dimensions + 3) / 4;

    public int PanelWidth(int panel) => panel < PanelCount - 1 ? Width : TokenCount - (panel * Width);

    public ref byte PanelStart(int panel) => ref Unsafe.Add(ref _nibbles.First, panel * Width * Nibbles);

    /// <summary>Gets the sign nibble of dimensions <c>4n .. 4n+3</c>: bit <c>j</c> is set where dimension <c>4n+j</c> is positive.</summary>
    public static byte SignNibble(ReadOnlySpan<float> vector, int nibble)
    {
        int value = 0;
        int start = nibble * 4;
        int end = Math.Min(start + 4, vector.Length);
        for (int k = start; k < end; k++)
        {
            if (vector[k] > 0f)
            {
                value |= 1 << (k - start);
            }
        }

        return (byte)value;
    }

    /// <summary>Gets the packed codes, as a collection file stores them.</summary>
    public Span<byte> Bytes => _nibbles.Span;

    /// <summary>Allocates zeroed panels for a reader to fill through <see cref="Bytes"/>.</summary>
    public static BinaryPanels Allocate(int tokenCount, int dimensions)
        => new(AlignedArray<byte>.Allocate(tokenCount * NibbleCount(dimensions), slack: Width), tokenCount, dimensions);

    public static BinaryPanels Pack(ReadOnlySpan<float> rows, int tokenCount, int dimensions)
    {
        int nibbles = NibbleCount(dimensions);
        int wholeNibbles = Vector128.IsHardwareAccelerated ? dimensions / 4 : 0;
        var panels = Allocate(tokenCount, dimensions);
        Span<byte> destination = panels._nibbles.Span;
        for (int panel = 0; panel < panels.PanelCount; panel++)
        {
            int width = panels.PanelWidth(panel);
            Span<byte> panelBytes = destination.Slice(panel * Width * nibbles, width * nibbles);
            for (int lane = 0; lane < width; lane++)
            {
                ReadOnlySpan<float> row = rows.Slice(((panel * Width) + lane) * dimensions, dimensions);
                ref float start = ref MemoryMarshal.GetReference(row);
                int n = 0;
                for (; n < wholeNibbles; n++)
                {
                    // A lane's top bit is set where the component is greater than zero: negative zero is not.
                    uint signs = Vector128.GreaterThan(Vector128.LoadUnsafe(ref start, (nuint)(n * 4)), Vector128<float>.Zero).ExtractMostSignificantBits();
                    panelBytes[(n * width) + lane] = (byte)signs;
                }

                for (; n < nibbles; n++)
                {
                    panelBytes[(n * width) + lane] = SignNibble(row, n);
                }
            }
        }

        return panels;
    }
}

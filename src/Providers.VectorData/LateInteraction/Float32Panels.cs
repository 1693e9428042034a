using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors in single precision, laid out for the MaxSim micro-kernels: tokens are grouped in
/// panels of <see cref="Width"/>, and inside a panel the values are stored dimension-major, so that one dimension of
/// 16 consecutive tokens is one 512-bit load.
/// </summary>
/// <remarks>
/// Panel <c>p</c> starts at <c>p * Width * Dimensions</c>; value <c>(token t, dimension k)</c> of a panel of width
/// <c>w</c> is at <c>k * w + t</c>. Only the last panel may be narrower than <see cref="Width"/>, and it is stored
/// at its own width: no padding token is ever stored. Kernels read whole vectors from it and mask the lanes past
/// its width, which the slack after the last element keeps inside the allocation.
/// </remarks>
internal sealed class Float32Panels
{
    /// <summary>Tokens per panel: two 512-bit vectors, or four 256-bit ones.</summary>
    public const int Width = 32;

    [ThreadStatic]
    private static Float32Panels? t_scratch;

    private readonly AlignedArray<float> _values;

    private Float32Panels(AlignedArray<float> values, int tokenCount, int dimensions)
    {
        _values = values;
        TokenCount = tokenCount;
        Dimensions = dimensions;
        PanelCount = (tokenCount + Width - 1) / Width;
    }

    public int TokenCount { get; }

    public int Dimensions { get; }

    public int PanelCount { get; }

    /// <summary>Gets the number of tokens in a panel: <see cref="Width"/> for all but the last.</summary>
    public int PanelWidth(int panel) => panel < PanelCount - 1 ? Width : TokenCount - (panel * Width);

    /// <summary>Gets a reference to the first value of a panel.</summary>
    public ref float PanelStart(int panel) => ref Unsafe.Add(ref _values.First, panel * Width * Dimensions);

    /// <summary>Gets a panel's values, <c>[dimension][token]</c>.</summary>
    public Span<float> PanelSpan(int panel) => _values.Span.Slice(panel * Width * Dimensions, PanelWidth(panel) * Dimensions);

    /// <summary>
    /// Returns panels of the given shape in a buffer kept for the calling thread, for a document expanded from a
    /// compact form only to be scored: valid until the thread's next call.
    /// </summary>
    public static Float32Panels Scratch(int tokenCount, int dimensions)
    {
        if (t_scratch is not { } scratch || scratch._values.Length < tokenCount * dimensions)
        {
            t_scratch = scratch = Allocate(Math.Max(tokenCount, 1024), dimensions);
        }

        return new Float32Panels(scratch._values, tokenCount, dimensions);
    }

    /// <summary>Gets the packed values as bytes, as a collection file stores them.</summary>
    public Span<byte> Bytes => MemoryMarshal.AsBytes(_values.Span);

    /// <summary>Allocates zeroed panels for a reader to fill through <see cref="Bytes"/>.</summary>
    public static Float32Panels Allocate(int tokenCount, int dimensions)
        => new(AlignedArray<float>.Allocate(tokenCount * dimensions, slack: Width), tokenCount, dimensions);

    /// <summary>Packs validated row-major vectors.</summary>
    public static Float32Panels Pack(ReadOnlySpan<float> rows, int tokenCount, int dimensions)
    {
        var panels = Allocate(tokenCount, dimensions);
        Span<float> destination = panels._values.Span;
        for (int panel = 0; panel < panels.PanelCount; panel++)
        {
            int width = panels.PanelWidth(panel);
            Span<float> block = destination.Slice(panel * Width * dimensions, width * dimensions);
            for (int t = 0; t < width; t++)
            {
                ReadOnlySpan<float> row = rows.Slice(((panel * Width) + t) * dimensions, dimensions);
                for (int k = 0; k < dimensions; k++)
                {
                    block[(k * width) + t] = row[k];
                }
            }
        }

        return panels;
    }

    /// <summary>Writes the vectors back in row-major order.</summary>
    public void CopyRowsTo(Span<float> rows)
    {
        ReadOnlySpan<float> source = _values.Span;
        for (int panel = 0; panel < PanelCount; panel++)
        {
            int width = PanelWidth(panel);
            ReadOnlySpan<float> block = source.Slice(panel * Width * Dimensions, width * Dimensions);
            for (int t = 0; t < width; t++)
            {
                Span<float> row = rows.Slice(((panel * Width) + t) * Dimensions, Dimensions);
                for (int k = 0; k < Dimensions; k++)
                {
                    row[k] = block[(k * width) + t];
                }
            }
        }
    }
}

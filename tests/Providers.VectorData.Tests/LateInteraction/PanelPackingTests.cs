using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests.LateInteraction;

/// <summary>The int8 and sign-bit panels byte for byte against plain loops that spell out their layouts.</summary>
public sealed class PanelPackingTests
{
    /// <summary>Token counts around the panel widths by dimension counts around the vector widths.</summary>
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 1 },
        { 2, 3 },
        { 15, 5 },
        { 16, 15 },
        { 17, 16 },
        { 33, 17 },
        { 63, 63 },
        { 64, 64 },
        { 65, 65 },
        { 17, 127 },
        { 70, 128 },
        { 17, 130 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Int8_panels_hold_the_bytes_of_the_plain_layout(int tokens, int dimensions)
    {
        float[] rows = Rows(tokens, dimensions, seed: tokens + (100 * dimensions));
        var (words, scales) = ReferenceInt8(rows, tokens, dimensions);

        var panels = Int8Panels.Pack(rows, tokens, dimensions);

        Assert.Equal(words, panels.WordBytes.ToArray());
        Assert.Equal(scales, panels.ScaleBytes.ToArray());
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Sign_panels_hold_the_bytes_of_the_plain_layout(int tokens, int dimensions)
    {
        float[] rows = Rows(tokens, dimensions, seed: tokens + (100 * dimensions));

        var panels = BinaryPanels.Pack(rows, tokens, dimensions);

        Assert.Equal(ReferenceSigns(rows, tokens, dimensions), panels.Bytes.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(130)]
    public void Quantization_rounds_halves_to_even_and_clamps_like_the_scalar_definition(int dimensions)
    {
        // The largest magnitude is 127, so the scale is 1 and every other value is its own quotient: ties at .5.
        var vector = new float[dimensions];
        for (int k = 0; k < dimensions; k++)
        {
            vector[k] = k == dimensions - 1 ? -127f : ((k % 9) - 4) + 0.5f;
        }

        var quantized = new sbyte[dimensions];
        float scale = Int8Quantization.Quantize(vector, quantized);

        Assert.Equal(1f, scale);
        Assert.Equal(vector.Select(x => (sbyte)Math.Clamp(MathF.Round(x), -127f, 127f)).ToArray(), quantized);
    }

    /// <summary>Random values with zeros, negative zeros, denormals and a zero row, which every packing must keep apart.</summary>
    private static float[] Rows(int tokens, int dimensions, int seed)
    {
        var random = new Random(seed);
        var rows = new float[tokens * dimensions];
        for (int i = dimensions; i < rows.Length; i++)
        {
            rows[i] = random.Next(8) switch
            {
                0 => 0f,
                1 => -0f,
                2 => float.Epsilon,
                3 => -float.Epsilon,
                _ => ((random.NextSingle() * 2f) - 1f) * 5f,
            };
        }

        return rows;
    }

    /// <summary>
    /// Per token: scale = max |x| / 127, q = clamp(round(x * (1 / scale))) + 128 per byte, four dimensions per 32-bit
    /// word (zero-padded), words <c>[quad][token]</c> within panels of 16 tokens, the last panel at its own width.
    /// </summary>
    private static (byte[] Words, byte[] Scales) ReferenceInt8(float[] rows, int tokens, int dimensions)
    {
        int quads = (dimensions + 3) / 4;
        var words = new byte[tokens * quads * 4];
        var scales = new float[tokens];
        for (int t = 0; t < tokens; t++)
        {
            var row = rows.AsSpan(t * dimensions, dimensions);
            float max = 0f;
            foreach (float x in row)
            {
                max = Math.Max(max, Math.Abs(x));
            }

            scales[t] = max / 127f;
            int panel = t / Int8Panels.Width;
            int width = Math.Min(Int8Panels.Width, tokens - (panel * Int8Panels.Width));
            for (int k = 0; k < quads * 4; k++)
            {
                int q = k < dimensions && scales[t] != 0f ? (int)Math.Clamp(MathF.Round(row[k] * (1f / scales[t])), -127f, 127f) : 0;
                int word = (panel * Int8Panels.Width * quads) + ((k / 4) * width) + (t % Int8Panels.Width);
                words[(word * 4) + (k % 4)] = (byte)(q + 128);
            }
        }

        return (words, scales.SelectMany(BitConverter.GetBytes).ToArray());
    }

    /// <summary>Per token and group of four dimensions a nibble, bit j set where dimension 4n + j is above zero; bytes <c>[nibble][token]</c> in panels of 64.</summary>
    private static byte[] ReferenceSigns(float[] rows, int tokens, int dimensions)
    {
        int nibbles = (dimensions + 3) / 4;
        var bytes = new byte[tokens * nibbles];
        for (int t = 0; t < tokens; t++)
        {
            int panel = t / BinaryPanels.Width;
            int width = Math.Min(BinaryPanels.Width, tokens - (panel * BinaryPanels.Width));
            for (int k = 0; k < dimensions; k++)
            {
                if (rows[(t * dimensions) + k] > 0f)
                {
                    bytes[(panel * BinaryPanels.Width * nibbles) + ((k / 4) * width) + (t % BinaryPanels.Width)] |= (byte)(1 << (k % 4));
                }
            }
        }

        return bytes;
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Providers.ColQwen.Onnx.Imaging;

/// <summary>
/// Bicubic resizing that reproduces Pillow's <c>Image.resize(size, BICUBIC)</c> on 8-bit images bit for bit, because
/// the Qwen2-VL processor ColQwen was trained with resizes through Pillow.
/// </summary>
/// <remarks>
/// Pillow's algorithm (libImaging/Resample.c): a separable convolution with the cubic kernel a = -0.5 whose support
/// widens with the downscale factor (so shrinking averages instead of skipping pixels); horizontal pass first into an
/// 8-bit buffer, then the vertical pass; coefficients normalised per output pixel and quantised to 22 fractional
/// bits; results rounded and clamped to 0..255. Skia's cubic samplers do not widen the kernel, hence this class.
/// </remarks>
internal static class PillowBicubicResampler
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 2.0;

    /// <summary>Resizes an RGBA (alpha ignored) or RGB image to RGB.</summary>
    /// <param name="source">Source pixels, <paramref name="sourceChannels"/> bytes each, rows packed.</param>
    /// <param name="sourceChannels">4 for RGBA, 3 for RGB.</param>
    /// <param name="width">Source width.</param>
    /// <param name="height">Source height.</param>
    /// <param name="destination">RGB output, <paramref name="outWidth"/> × <paramref name="outHeight"/> × 3 bytes.</param>
    /// <param name="outWidth">Output width.</param>
    /// <param name="outHeight">Output height.</param>
    public static void Resize(
        ReadOnlySpan<byte> source, int sourceChannels, int width, int height, Span<byte> destination, int outWidth, int outHeight)
    {
        var vertical = Coefficients.Compute(height, outHeight);
        if (outWidth == width)
        {
            if (outHeight == height)
            {
                CopyToRgb(source, sourceChannels, width * height, destination);
                return;
            }

            Vertical(source, sourceChannels, width, destination, outHeight, vertical, firstRow: 0);
            return;
        }

        var horizontal = Coefficients.Compute(width, outWidth);
        int firstRow = vertical.Bounds[0];
        int lastRow = vertical.Bounds[(outHeight - 1) * 2] + vertical.Bounds[(outHeight - 1) * 2 + 1];
        if (outHeight == height)
        {
            Horizontal(source, sourceChannels, width, destination, outWidth, 0, height, horizontal);
            return;
        }

        // Only the rows the vertical pass reads are resampled horizontally, as Pillow does.
        int rows = lastRow - firstRow;
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(outWidth * rows * 3);
        try
        {
            Span<byte> temporary = buffer.AsSpan(0, outWidth * rows * 3);
            Horizontal(source, sourceChannels, width, temporary, outWidth, firstRow, rows, horizontal);
            Vertical(temporary, 3, outWidth, destination, outHeight, vertical, firstRow);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Horizontal(
        ReadOnlySpan<byte> source, int channels, int width, Span<byte> destination, int outWidth, int firstRow, int rows,
        Coefficients horizontal)
    {
        ReadOnlySpan<int> weights = horizontal.Weights;
        ReadOnlySpan<int> bounds = horizontal.Bounds;
        int kernelSize = horizontal.KernelSize;
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> row = source.Slice((firstRow + y) * width * channels, width * channels);
            Span<byte> output = destination.Slice(y * outWidth * 3, outWidth * 3);
            ref byte pixels = ref MemoryMarshal.GetReference(row);
            for (int x = 0; x < outWidth; x++)
            {
                // The hot loop of preprocessing: references instead of spans keep bounds checks out of it.
                // Bounds were clamped to the row when the coefficients were computed.
                int count = bounds[x * 2 + 1];
                ref int k = ref MemoryMarshal.GetReference(weights.Slice(x * kernelSize, count));
                ref byte pixel = ref Unsafe.Add(ref pixels, bounds[x * 2] * channels);
                int r = 1 << (PrecisionBits - 1), g = r, b = r;
                for (int i = 0; i < count; i++, pixel = ref Unsafe.Add(ref pixel, channels))
                {
                    int weight = Unsafe.Add(ref k, i);
                    r += pixel * weight;
                    g += Unsafe.Add(ref pixel, 1) * weight;
                    b += Unsafe.Add(ref pixel, 2) * weight;
                }

                output[x * 3] = Clip(r);
                output[x * 3 + 1] = Clip(g);
                output[x * 3 + 2] = Clip(b);
            }
        }
    }

    /// <remarks>
    /// Row by row rather than Pillow's column by column: each tap adds a whole source row into per-output-value
    /// accumulators, so memory is read sequentially. The integer sums, hence the results, are the same.
    /// </remarks>
    private static void Vertical(
        ReadOnlySpan<byte> source, int channels, int width, Span<byte> destination, int outHeight, Coefficients vertical,
        int firstRow)
    {
        ReadOnlySpan<int> weights = vertical.Weights;
        ReadOnlySpan<int> bounds = vertical.Bounds;
        int kernelSize = vertical.KernelSize;
        int stride = width * channels;
        int[] rented = System.Buffers.ArrayPool<int>.Shared.Rent(width * 3);
        Span<int> sums = rented.AsSpan(0, width * 3);
        try
        {
            for (int y = 0; y < outHeight; y++)
            {
                int start = bounds[y * 2] - firstRow;
                ReadOnlySpan<int> k = weights.Slice(y * kernelSize, bounds[y * 2 + 1]);
                sums.Fill(1 << (PrecisionBits - 1));
                for (int i = 0; i < k.Length; i++)
                {
                    int weight = k[i];
                    ReadOnlySpan<byte> row = source.Slice((start + i) * stride, stride);
                    if (channels == 3)
                    {
                        AddWeightedRow(row, weight, sums);
                    }
                    else
                    {
                        for (int x = 0, j = 0; j < sums.Length; x += channels, j += 3)
                        {
                            sums[j] += row[x] * weight;
                            sums[j + 1] += row[x + 1] * weight;
                            sums[j + 2] += row[x + 2] * weight;
                        }
                    }
                }

                Span<byte> output = destination.Slice(y * width * 3, width * 3);
                for (int j = 0; j < sums.Length; j++)
                {
                    output[j] = Clip(sums[j]);
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>sums[j] += row[j] × weight, widening bytes to ints a vector at a time.</summary>
    private static void AddWeightedRow(ReadOnlySpan<byte> row, int weight, Span<int> sums)
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var weights = new Vector<int>(weight);
            int lanes = Vector<int>.Count;
            for (; j <= row.Length - Vector<byte>.Count; j += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(row[j..]), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> q0, out Vector<uint> q1);
                Vector.Widen(high, out Vector<uint> q2, out Vector<uint> q3);
                Accumulate(sums.Slice(j, lanes), q0, weights);
                Accumulate(sums.Slice(j + lanes, lanes), q1, weights);
                Accumulate(sums.Slice(j + 2 * lanes, lanes), q2, weights);
                Accumulate(sums.Slice(j + 3 * lanes, lanes), q3, weights);
            }
        }

        for (; j < row.Length; j++)
        {
            sums[j] += row[j] * weight;
        }
    }

    private static void Accumulate(Span<int> sums, Vector<uint> values, Vector<int> weights) =>
        (new Vector<int>(sums) + Vector.AsVectorInt32(values) * weights).CopyTo(sums);

    private static void CopyToRgb(ReadOnlySpan<byte> source, int channels, int pixels, Span<byte> destination)
    {
        for (int i = 0; i < pixels; i++)
        {
            destination[i * 3] = source[i * channels];
            destination[i * 3 + 1] = source[i * channels + 1];
            destination[i * 3 + 2] = source[i * channels + 2];
        }
    }

    // Pillow's clip8: an arithmetic shift (floor), then clamp.
    private static byte Clip(int accumulator) => (byte)Math.Clamp(accumulator >> PrecisionBits, 0, 255);

    private static double Cubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }

        return x < 2.0 ? (((x - 5) * x + 8) * x - 4) * a : 0.0;
    }

    /// <summary>Per output pixel: the first input pixel, how many it reads, and their fixed-point weights.</summary>
    private sealed class Coefficients
    {
        private Coefficients(int kernelSize, int[] bounds, int[] weights)
        {
            KernelSize = kernelSize;
            Bounds = bounds;
            Weights = weights;
        }

        public int KernelSize { get; }

        public int[] Bounds { get; }

        public int[] Weights { get; }

        public static Coefficients Compute(int inSize, int outSize)
        {
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = Support * filterScale;
            double inverseScale = 1.0 / filterScale; // multiplied, not divided: Pillow's rounding
            int kernelSize = (int)Math.Ceiling(support) * 2 + 1;
            var bounds = new int[outSize * 2];
            var weights = new int[outSize * kernelSize];
            Span<double> k = stackalloc double[kernelSize];
            for (int xx = 0; xx < outSize; xx++)
            {
                double center = (xx + 0.5) * scale;
                int min = Math.Max((int)(center - support + 0.5), 0);
                int count = Math.Min((int)(center + support + 0.5), inSize) - min;
                double sum = 0;
                for (int x = 0; x < count; x++)
                {
                    k[x] = Cubic((x + min - center + 0.5) * inverseScale);
                    sum += k[x];
                }

                for (int x = 0; x < count; x++)
                {
                    double w = sum != 0.0 ? k[x] / sum : k[x];
                    weights[xx * kernelSize + x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
                }

                bounds[xx * 2] = min;
                bounds[xx * 2 + 1] = count;
            }

            return new Coefficients(kernelSize, bounds, weights);
        }
    }
}

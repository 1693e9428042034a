using System.Buffers;
using Providers.Core.Imaging;

namespace Providers.ColQwen.Onnx.Imaging;

/// <summary>
/// Turns an encoded page into the rows of <c>pixel_values</c>, exactly as transformers' Qwen2-VL image processor does
/// for ColQwen: RGB, smart_resize, Pillow-compatible bicubic resize, rescale by 1/255, CLIP normalisation, the still
/// image duplicated in time, and patches flattened in the processor's (merge-block-major) order.
/// </summary>
internal sealed class Qwen2VLImageProcessor
{
    private const int Plane = PatchGrid.PatchSize * PatchGrid.PatchSize;
    private static readonly double[] Mean = [0.48145466, 0.4578275, 0.40821073];
    private static readonly double[] Std = [0.26862954, 0.26130258, 0.27577711];

    // Every 8-bit value of every channel, normalised once with NumPy's rounding: float64 x * (1/255) cast to float32,
    // then (x - mean) / std in float32.
    private static readonly float[] Normalised = BuildNormalisationTable();

    private readonly int _minPixels;
    private readonly int _maxPixels;

    public Qwen2VLImageProcessor(int minPixels, int maxPixels)
    {
        _minPixels = minPixels;
        _maxPixels = maxPixels;
    }

    /// <summary>Reads the page's size from its header and computes its grid, refusing what cannot be embedded.</summary>
    /// <exception cref="PageImageException">The data is not an image, or its size is refused.</exception>
    public PatchGrid Inspect(ReadOnlySpan<byte> encoded, int inputIndex)
    {
        if (!ImageHeader.TryRead(encoded, out var header))
        {
            throw new PageImageException(inputIndex, ImageHeader.ExplainUnreadable(encoded, "the data"));
        }

        // Older transformers' Qwen2-VL processors refuse a side below one factor rather than stretch a strip into a page.
        if (header.Width < PatchGrid.Factor || header.Height < PatchGrid.Factor)
        {
            throw new PageImageException(
                inputIndex, $"the image is {header.Width}x{header.Height} pixels; each side must be at least {PatchGrid.Factor} pixels");
        }

        try
        {
            var (height, width) = QwenImageGrid.SmartResize(header.Height, header.Width, PatchGrid.Factor, _minPixels, _maxPixels);
            return new PatchGrid(height / PatchGrid.PatchSize, width / PatchGrid.PatchSize);
        }
        catch (ArgumentException e)
        {
            throw new PageImageException(inputIndex, e.Message, e);
        }
    }

    /// <summary>Writes the page's <c>[grid.PatchCount, 1176]</c> rows into <paramref name="destination"/>.</summary>
    /// <exception cref="PageImageException">The image cannot be decoded.</exception>
    public void Preprocess(ReadOnlySpan<byte> encoded, PatchGrid grid, Span<float> destination, int inputIndex)
    {
        byte[] rgba = PageImageDecoder.DecodeRgba(encoded, out int width, out int height, out string? failure);
        if (failure is not null)
        {
            throw new PageImageException(inputIndex, failure);
        }

        int outWidth = grid.ResizedWidth, outHeight = grid.ResizedHeight;
        byte[] rgb = ArrayPool<byte>.Shared.Rent(outWidth * outHeight * 3);
        try
        {
            PillowBicubicResampler.Resize(rgba, 4, width, height, rgb, outWidth, outHeight);
            Flatten(rgb, grid, destination[..grid.ValueCount]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
            ArrayPool<byte>.Shared.Return(rgb);
        }
    }

    /// <summary>
    /// The processor's reshape (t, 2, 3, gh/2, 2, 14, gw/2, 2, 14) → transpose (t, gh/2, gw/2, 2, 2, 3, 2, 14, 14):
    /// row = ((by * gw/2 + bx) * 2 + my) * 2 + mx, column = (channel * 2 + frame) * 196 + py * 14 + px.
    /// </summary>
    private static void Flatten(ReadOnlySpan<byte> rgb, PatchGrid grid, Span<float> destination)
    {
        const int patch = PatchGrid.PatchSize;
        int stride = grid.ResizedWidth * 3;
        int row = 0;
        for (int by = 0; by < grid.MergedHeight; by++)
        {
            for (int bx = 0; bx < grid.MergedWidth; bx++)
            {
                for (int my = 0; my < PatchGrid.MergeSize; my++)
                {
                    for (int mx = 0; mx < PatchGrid.MergeSize; mx++, row++)
                    {
                        int top = (by * PatchGrid.MergeSize + my) * patch;
                        int left = (bx * PatchGrid.MergeSize + mx) * patch;
                        Span<float> values = destination.Slice(row * PatchGrid.ValuesPerPatch, PatchGrid.ValuesPerPatch);
                        for (int channel = 0; channel < 3; channel++)
                        {
                            ReadOnlySpan<float> table = Normalised.AsSpan(channel * 256, 256);
                            Span<float> frame = values.Slice(channel * PatchGrid.TemporalPatchSize * Plane, Plane);
                            for (int py = 0; py < patch; py++)
                            {
                                int pixel = (top + py) * stride + left * 3 + channel;
                                for (int px = 0; px < patch; px++, pixel += 3)
                                {
                                    frame[py * patch + px] = table[rgb[pixel]];
                                }
                            }

                            // A still image is its own second frame.
                            frame.CopyTo(values.Slice((channel * PatchGrid.TemporalPatchSize + 1) * Plane, Plane));
                        }
                    }
                }
            }
        }
    }

    private static float[] BuildNormalisationTable()
    {
        var table = new float[3 * 256];
        for (int channel = 0; channel < 3; channel++)
        {
            float mean = (float)Mean[channel], std = (float)Std[channel];
            for (int value = 0; value < 256; value++)
            {
                float rescaled = (float)(value * (1.0 / 255));
                table[channel * 256 + value] = (rescaled - mean) / std;
            }
        }

        return table;
    }
}

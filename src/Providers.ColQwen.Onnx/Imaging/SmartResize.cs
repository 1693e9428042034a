namespace Providers.ColQwen.Onnx.Imaging;

/// <summary>Qwen2-VL's <c>smart_resize</c>: the size a page is resized to, a multiple of 28 on each side.</summary>
/// <remarks>
/// Written after transformers' <c>image_processing_qwen2_vl.smart_resize</c>, in the same double arithmetic so that
/// the borderline cases (a side of exactly n × 28 + 14, an area at the limits) land where Python's do.
/// </remarks>
internal static class SmartResize
{
    public const int MaxAspectRatio = 200;

    /// <summary>Returns the grid of the resized page, or the reason the size is refused.</summary>
    public static PatchGrid Compute(int height, int width, int minPixels, int maxPixels, out string? refusal)
    {
        const int factor = PatchGrid.Factor;
        if (height < factor || width < factor)
        {
            refusal = $"the image is {width}x{height} pixels; each side must be at least {factor} pixels";
            return default;
        }

        if ((double)Math.Max(height, width) / Math.Min(height, width) > MaxAspectRatio)
        {
            refusal = $"the image is {width}x{height} pixels; its aspect ratio must not exceed {MaxAspectRatio}";
            return default;
        }

        // Python's round() rounds half to even, as Math.Round does by default.
        int resizedHeight = (int)Math.Round((double)height / factor) * factor;
        int resizedWidth = (int)Math.Round((double)width / factor) * factor;
        double area = (double)height * width;
        if ((long)resizedHeight * resizedWidth > maxPixels)
        {
            double beta = Math.Sqrt(area / maxPixels);
            resizedHeight = Math.Max(factor, (int)Math.Floor(height / beta / factor) * factor);
            resizedWidth = Math.Max(factor, (int)Math.Floor(width / beta / factor) * factor);
        }
        else if ((long)resizedHeight * resizedWidth < minPixels)
        {
            double beta = Math.Sqrt(minPixels / area);
            resizedHeight = (int)Math.Ceiling(height * beta / factor) * factor;
            resizedWidth = (int)Math.Ceiling(width * beta / factor) * factor;
        }

        refusal = null;
        return new PatchGrid(resizedHeight / PatchGrid.PatchSize, resizedWidth / PatchGrid.PatchSize);
    }
}

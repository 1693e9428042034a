namespace Providers.Core.Imaging;

/// <summary>
/// The image geometry of Qwen2-VL's image processor, which ColQwen2/2.5 and ColPali-style Qwen models share:
/// <c>smart_resize</c>, the size an image is resized to before it is cut into 14-pixel patches.
/// </summary>
/// <remarks>
/// The arithmetic follows the Python operation for operation (IEEE doubles, <c>round</c> half to even), because a
/// different order can land a side exactly on a multiple of the factor on one side and just below it on the other.
/// A side shorter than half the factor rounds to one factor rather than to zero, as qwen-vl-utils' version does; for
/// sides of at least one factor every version gives the same size.
/// </remarks>
public static class QwenImageGrid
{
    /// <summary>The vision tower's patch size in pixels.</summary>
    public const int PatchSize = 14;

    /// <summary>How many patches merge into one image token along each side.</summary>
    public const int MergeSize = 2;

    /// <summary>The multiple every resized side is rounded to: <see cref="PatchSize"/> × <see cref="MergeSize"/>.</summary>
    public const int Factor = PatchSize * MergeSize;

    /// <summary>The longest side may be at most this many times the shortest.</summary>
    public const int MaxAspectRatio = 200;

    /// <summary>
    /// Computes the size an image is resized to: each side a multiple of <paramref name="factor"/> (at least one
    /// factor), the area within [<paramref name="minPixels"/>, <paramref name="maxPixels"/>], the aspect ratio kept as
    /// far as possible.
    /// </summary>
    /// <param name="height">The image's height in pixels.</param>
    /// <param name="width">The image's width in pixels.</param>
    /// <param name="factor">The multiple each side is rounded to, normally <see cref="Factor"/>.</param>
    /// <param name="minPixels">The fewest pixels the image is scaled up to.</param>
    /// <param name="maxPixels">The most pixels the image is scaled down to.</param>
    /// <returns>The resized height and width.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side, the factor or a pixel limit is not positive, or the limits are reversed.</exception>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="MaxAspectRatio"/>, which the image processor refuses.</exception>
    public static (int Height, int Width) SmartResize(int height, int width, int factor, int minPixels, int maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minPixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, minPixels);
        if ((double)Math.Max(width, height) / Math.Min(width, height) > MaxAspectRatio)
        {
            throw new ArgumentException(
                $"A {width}x{height} image has an aspect ratio above {MaxAspectRatio}, which Qwen2-VL's image processor refuses.");
        }

        double area = (double)width * height;
        int resizedHeight = Math.Max(factor, RoundToFactor(height, factor));
        int resizedWidth = Math.Max(factor, RoundToFactor(width, factor));
        if ((long)resizedHeight * resizedWidth > maxPixels)
        {
            double beta = Math.Sqrt(area / maxPixels);
            resizedHeight = Math.Max(factor, FloorToFactor(height / beta, factor));
            resizedWidth = Math.Max(factor, FloorToFactor(width / beta, factor));
        }
        else if ((long)resizedHeight * resizedWidth < minPixels)
        {
            double beta = Math.Sqrt(minPixels / area);
            resizedHeight = CeilToFactor(height * beta, factor);
            resizedWidth = CeilToFactor(width * beta, factor);
        }

        return (resizedHeight, resizedWidth);
    }

    private static int RoundToFactor(double value, int factor) => (int)Math.Round(value / factor, MidpointRounding.ToEven) * factor;

    private static int FloorToFactor(double value, int factor) => (int)Math.Floor(value / factor) * factor;

    private static int CeilToFactor(double value, int factor) => (int)Math.Ceiling(value / factor) * factor;
}

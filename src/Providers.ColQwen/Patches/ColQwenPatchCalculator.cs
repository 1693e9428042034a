namespace Providers.ColQwen;

/// <summary>
/// The patch formula of the ColQwen2.5 service, computed locally: Qwen2-VL's <c>smart_resize</c> followed by
/// colpali's <c>get_n_patches</c>. It gives the same numbers as <c>POST /patches</c> without a round trip.
/// </summary>
/// <remarks>
/// The arithmetic follows the Python operation for operation (IEEE doubles, <c>round</c> half to even), because
/// a different order can land a side exactly on a multiple of 28 on one side and just below it on the other.
/// </remarks>
public static class ColQwenPatchCalculator
{
    /// <summary>The vision tower's patch size in pixels.</summary>
    public const int PatchSize = 14;

    /// <summary>How many patches merge into one image token along each side.</summary>
    public const int SpatialMergeSize = 2;

    /// <summary>The multiple every resized side is rounded to: <see cref="PatchSize"/> × <see cref="SpatialMergeSize"/>.</summary>
    public const int Factor = PatchSize * SpatialMergeSize;

    /// <summary>The fewest pixels an image is scaled up to (56 × 56).</summary>
    public const int MinPixels = 3136;

    /// <summary>The most pixels an image is scaled down to (768 image tokens of 28 × 28).</summary>
    public const int MaxPixels = 602112;

    /// <summary>The longest side may be at most this many times the shortest.</summary>
    public const int MaxAspectRatio = 200;

    /// <summary>Computes the patch grid of an image of the given size.</summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="MaxAspectRatio"/>.</exception>
    public static ColQwenPatchGrid Compute(int width, int height)
    {
        var (resizedWidth, resizedHeight) = SmartResize(width, height);
        return new ColQwenPatchGrid(width, height, resizedWidth / PatchSize / SpatialMergeSize, resizedHeight / PatchSize / SpatialMergeSize);
    }

    /// <summary>Computes the patch grid of an encoded image, reading its size from the file header.</summary>
    /// <param name="image">The PNG, JPEG, WebP, GIF or BMP file's bytes.</param>
    /// <exception cref="ArgumentException">The bytes are not a readable image, or its aspect ratio exceeds <see cref="MaxAspectRatio"/>.</exception>
    public static ColQwenPatchGrid Compute(ReadOnlySpan<byte> image)
    {
        var header = ImageHeader.Read(image, "The image");
        return Compute(header.Width, header.Height);
    }

    /// <summary>
    /// The size the image processor resizes an image to: each side a multiple of <see cref="Factor"/>, the area within
    /// [<see cref="MinPixels"/>, <see cref="MaxPixels"/>], the aspect ratio kept as far as possible.
    /// </summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <returns>The resized width and height.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="MaxAspectRatio"/>.</exception>
    public static (int Width, int Height) SmartResize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((double)Math.Max(width, height) / Math.Min(width, height) > MaxAspectRatio)
        {
            throw new ArgumentException(
                $"A {width}x{height} image has an aspect ratio above {MaxAspectRatio}, which the ColQwen2.5 image processor refuses.");
        }

        double area = (double)width * height;
        int resizedHeight = Math.Max(Factor, RoundToFactor(height));
        int resizedWidth = Math.Max(Factor, RoundToFactor(width));
        if ((long)resizedHeight * resizedWidth > MaxPixels)
        {
            double beta = Math.Sqrt(area / MaxPixels);
            resizedHeight = Math.Max(Factor, FloorToFactor(height / beta));
            resizedWidth = Math.Max(Factor, FloorToFactor(width / beta));
        }
        else if ((long)resizedHeight * resizedWidth < MinPixels)
        {
            double beta = Math.Sqrt(MinPixels / area);
            resizedHeight = CeilToFactor(height * beta);
            resizedWidth = CeilToFactor(width * beta);
        }

        return (resizedWidth, resizedHeight);
    }

    private static int RoundToFactor(double value) => (int)Math.Round(value / Factor, MidpointRounding.ToEven) * Factor;

    private static int FloorToFactor(double value) => (int)Math.Floor(value / Factor) * Factor;

    private static int CeilToFactor(double value) => (int)Math.Ceiling(value / Factor) * Factor;
}

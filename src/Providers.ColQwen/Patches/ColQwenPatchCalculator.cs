using Providers.Core.Imaging;

namespace Providers.ColQwen;

/// <summary>
/// The patch formula of the ColQwen2.5 service, computed locally: Qwen2-VL's <c>smart_resize</c>
/// (<see cref="QwenImageGrid.SmartResize"/>) with the service's pixel limits, followed by colpali's
/// <c>get_n_patches</c>. It gives the same numbers as <c>POST /patches</c> without a round trip.
/// </summary>
public static class ColQwenPatchCalculator
{
    /// <summary>The vision tower's patch size in pixels.</summary>
    public const int PatchSize = QwenImageGrid.PatchSize;

    /// <summary>How many patches merge into one image token along each side.</summary>
    public const int SpatialMergeSize = QwenImageGrid.MergeSize;

    /// <summary>The multiple every resized side is rounded to: <see cref="PatchSize"/> × <see cref="SpatialMergeSize"/>.</summary>
    public const int Factor = QwenImageGrid.Factor;

    /// <summary>The fewest pixels an image is scaled up to (56 × 56).</summary>
    public const int MinPixels = 3136;

    /// <summary>The most pixels an image is scaled down to (768 image tokens of 28 × 28).</summary>
    public const int MaxPixels = 602112;

    /// <summary>The longest side may be at most this many times the shortest.</summary>
    public const int MaxAspectRatio = QwenImageGrid.MaxAspectRatio;

    /// <summary>Computes the patch grid of an image of the given size.</summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="MaxAspectRatio"/>.</exception>
    public static ColQwenPatchGrid Compute(int width, int height)
    {
        var (resizedWidth, resizedHeight) = SmartResize(width, height);
        return new ColQwenPatchGrid(width, height, resizedWidth / Factor, resizedHeight / Factor);
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
    /// The size the service's image processor resizes an image to: each side a multiple of <see cref="Factor"/>, the
    /// area within [<see cref="MinPixels"/>, <see cref="MaxPixels"/>], the aspect ratio kept as far as possible.
    /// </summary>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <returns>The resized width and height.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    /// <exception cref="ArgumentException">The aspect ratio exceeds <see cref="MaxAspectRatio"/>.</exception>
    public static (int Width, int Height) SmartResize(int width, int height)
    {
        var (resizedHeight, resizedWidth) = QwenImageGrid.SmartResize(height, width, Factor, MinPixels, MaxPixels);
        return (resizedWidth, resizedHeight);
    }
}

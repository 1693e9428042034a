namespace Providers.Emulator.Models;

/// <summary>
/// Qwen2-VL's <c>smart_resize</c> (factor 28, 3136..602112 pixels) and the resulting grid of merged 28×28
/// patches, exactly as the ColQwen service computes <c>n_patches_x</c>/<c>n_patches_y</c>.
/// </summary>
internal readonly record struct PatchGrid(int ResizedWidth, int ResizedHeight)
{
    public const int Factor = 28;
    public const int MinPixels = 3136;
    public const int MaxPixels = 602112;
    public const int MaxAspectRatio = 200;

    public int PatchesX => ResizedWidth / 14 / 2;

    public int PatchesY => ResizedHeight / 14 / 2;

    public int Count => PatchesX * PatchesY;

    /// <exception cref="ArgumentException">The aspect ratio exceeds 200, as transformers refuses.</exception>
    public static PatchGrid For(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((double)Math.Max(width, height) / Math.Min(width, height) > MaxAspectRatio)
        {
            throw new ArgumentException($"absolute aspect ratio must be smaller than {MaxAspectRatio}, got {(double)Math.Max(width, height) / Math.Min(width, height)}");
        }

        // Python's round() is half-to-even; so is Math.Round's default.
        var h = Math.Max(Factor, (int)Math.Round((double)height / Factor) * Factor);
        var w = Math.Max(Factor, (int)Math.Round((double)width / Factor) * Factor);
        if ((long)h * w > MaxPixels)
        {
            var beta = Math.Sqrt((double)height * width / MaxPixels);
            h = Math.Max(Factor, (int)Math.Floor(height / beta / Factor) * Factor);
            w = Math.Max(Factor, (int)Math.Floor(width / beta / Factor) * Factor);
        }
        else if ((long)h * w < MinPixels)
        {
            var beta = Math.Sqrt((double)MinPixels / ((double)height * width));
            h = (int)Math.Ceiling(height * beta / Factor) * Factor;
            w = (int)Math.Ceiling(width * beta / Factor) * Factor;
        }

        return new PatchGrid(w, h);
    }
}

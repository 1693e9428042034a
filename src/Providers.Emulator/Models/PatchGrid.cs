using System.Globalization;

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

    /// <exception cref="ArgumentException">The sizes are impossible: a zero side, or an aspect ratio over 200.</exception>
    public static PatchGrid For(int width, int height) =>
        TryFor(width, height, out var grid, out var error) ? grid : throw new ArgumentException(error);

    /// <summary>
    /// <c>smart_resize</c> with Python's arithmetic, failing where transformers fails and with its message (the
    /// ColQwen service reports it per item): a zero side divides by zero, an aspect ratio over 200 is refused, and
    /// a negative area under the square root is a math domain error.
    /// </summary>
    public static bool TryFor(long width, long height, out PatchGrid grid, out string? error)
    {
        grid = default;
        var shorter = Math.Min(width, height);
        if (shorter == 0)
        {
            error = "division by zero";
            return false;
        }

        var ratio = (double)Math.Max(width, height) / shorter;
        if (ratio > MaxAspectRatio)
        {
            error = $"absolute aspect ratio must be smaller than {MaxAspectRatio}, got {PythonFloat(ratio)}";
            return false;
        }

        // Python's round() is half-to-even; so is Math.Round's default. The floor of one factor on a side under 14
        // pixels is what this project's clients compute too (transformers' versions differ there).
        var h = Math.Max(Factor, (long)Math.Round((double)height / Factor) * Factor);
        var w = Math.Max(Factor, (long)Math.Round((double)width / Factor) * Factor);
        if (h * w > MaxPixels)
        {
            var beta = Math.Sqrt((double)height * width / MaxPixels);
            h = Math.Max(Factor, (long)Math.Floor(height / beta / Factor) * Factor);
            w = Math.Max(Factor, (long)Math.Floor(width / beta / Factor) * Factor);
        }
        else if (h * w < MinPixels)
        {
            if ((double)height * width < 0)
            {
                error = "math domain error";
                return false;
            }

            var beta = Math.Sqrt((double)MinPixels / ((double)height * width));
            h = (long)Math.Ceiling(height * beta / Factor) * Factor;
            w = (long)Math.Ceiling(width * beta / Factor) * Factor;
        }

        grid = new PatchGrid((int)w, (int)h);
        error = null;
        return true;
    }

    /// <summary>A float as Python's <c>repr</c> writes it: <c>300.0</c>, <c>233.33333333333334</c>, <c>1e+16</c>.</summary>
    private static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }
}

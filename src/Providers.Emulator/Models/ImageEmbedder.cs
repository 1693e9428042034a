using SkiaSharp;

namespace Providers.Emulator.Models;

/// <summary>
/// Stand-in image encoders derived from pixel content, so the same picture always gives the same vectors
/// and similar pictures give similar ones. They do not understand what an image shows.
/// </summary>
internal static class ImageEmbedder
{
    private const int Thumbnail = 8;
    private const int ColourLevels = 4;
    private const ulong PixelSalt = 0x706978656c000000;
    private const ulong PatchSalt = 0x7061746368000000;

    /// <summary>One vector for the whole image: a fixed random projection of an 8×8 colour thumbnail.</summary>
    public static float[] Embed(DecodedImage image, int dimensions)
    {
        using var thumbnail = image.ScaledTo(Thumbnail, Thumbnail);
        var vector = new float[dimensions];
        var scratch = new float[dimensions];
        var feature = 0;
        for (var y = 0; y < Thumbnail; y++)
        {
            for (var x = 0; x < Thumbnail; x++)
            {
                var pixel = thumbnail.GetPixel(x, y);
                foreach (var channel in (ReadOnlySpan<byte>)[pixel.Red, pixel.Green, pixel.Blue])
                {
                    UnitVectors.Accumulate(PixelSalt + (ulong)feature++, (channel / 255f) - 0.5f, vector, scratch);
                }
            }
        }

        UnitVectors.Normalize(vector);
        return vector;
    }

    /// <summary>
    /// One vector per merged patch, row-major over (y, x): the image is averaged down to one pixel per patch
    /// and each patch's quantised colour picks its vector.
    /// </summary>
    public static List<float[]> PatchVectors(DecodedImage image, int patchesX, int patchesY, int dimensions)
    {
        using var grid = image.ScaledTo(patchesX, patchesY);
        var vectors = new List<float[]>(patchesX * patchesY);
        for (var y = 0; y < patchesY; y++)
        {
            for (var x = 0; x < patchesX; x++)
            {
                var vector = new float[dimensions];
                UnitVectors.Fill(PatchSalt + ColourBucket(grid.GetPixel(x, y)), vector);
                vectors.Add(vector);
            }
        }

        return vectors;
    }

    /// <summary>A few words a vision model might say about the image: size and dominant colour.</summary>
    public static string Describe(DecodedImage image)
    {
        using var pixel = image.ScaledTo(1, 1);
        var colour = pixel.GetPixel(0, 0);
        return $"a {image.Width}x{image.Height} {image.Format.ToString().ToUpperInvariant()} image, mostly {ColourName(colour)}";
    }

    private static ulong ColourBucket(SKColor colour)
    {
        static ulong Level(byte channel) => (ulong)(channel * ColourLevels / 256);
        return (Level(colour.Red) * ColourLevels * ColourLevels) + (Level(colour.Green) * ColourLevels) + Level(colour.Blue);
    }

    private static string ColourName(SKColor c)
    {
        var max = Math.Max(c.Red, Math.Max(c.Green, c.Blue));
        var min = Math.Min(c.Red, Math.Min(c.Green, c.Blue));
        if (max - min < 32)
        {
            return max > 200 ? "white" : max < 60 ? "black" : "grey";
        }

        return max == c.Red ? "red" : max == c.Green ? "green" : "blue";
    }
}

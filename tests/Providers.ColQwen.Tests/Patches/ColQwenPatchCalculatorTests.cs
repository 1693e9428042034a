using Providers.ColQwen.Tests.Support;
using SkiaSharp;

namespace Providers.ColQwen.Tests.Patches;

public sealed class ColQwenPatchCalculatorTests
{
    [Theory]
    [InlineData(1024, 768, 32, 24)]
    [InlineData(512, 512, 18, 18)]
    public void Computes_the_worked_examples_of_the_wire_format(int width, int height, int patchesX, int patchesY)
    {
        Assert.Equal(new ColQwenPatchGrid(width, height, patchesX, patchesY), ColQwenPatchCalculator.Compute(width, height));
    }

    [Theory]
    [InlineData(794, 1123)]
    [InlineData(1240, 1754)]
    [InlineData(2480, 3508)]
    public void Resizes_an_A4_page_at_any_resolution_to_644_by_896_pixels_or_23_by_32_patches(int width, int height)
    {
        Assert.Equal((644, 896), ColQwenPatchCalculator.SmartResize(width, height));
        Assert.Equal(23 * 32, ColQwenPatchCalculator.Compute(width, height).PatchCount);
    }

    // Expected values from transformers' smart_resize and colpali's get_n_patches, run in Python.
    [Theory]
    [InlineData(1, 1, 2, 2)]
    [InlineData(27, 27, 2, 2)]
    [InlineData(42, 42, 2, 2)]
    [InlineData(70, 70, 2, 2)]
    [InlineData(28, 56, 2, 3)]
    [InlineData(100, 20, 4, 1)]
    [InlineData(3000, 20, 107, 1)]
    [InlineData(4000, 3000, 32, 24)]
    [InlineData(1920, 1080, 36, 20)]
    [InlineData(1080, 1920, 20, 36)]
    [InlineData(800, 600, 29, 21)]
    [InlineData(595, 842, 21, 30)]
    [InlineData(300, 5, 11, 1)]
    [InlineData(55, 57, 2, 2)]
    [InlineData(13000, 70, 377, 2)]
    [InlineData(777, 777, 27, 27)]
    [InlineData(4096, 4096, 27, 27)]
    public void Agrees_with_the_python_formula(int width, int height, int patchesX, int patchesY)
    {
        var grid = ColQwenPatchCalculator.Compute(width, height);

        Assert.Equal((patchesX, patchesY), (grid.PatchesX, grid.PatchesY));
    }

    [Fact]
    public void Never_exceeds_768_image_tokens()
    {
        var sizes = from w in Enumerable.Range(1, 60) from h in Enumerable.Range(1, 60) select (W: w * 97, H: h * 89);

        Assert.All(sizes, s => Assert.InRange(ColQwenPatchCalculator.Compute(s.W, s.H).PatchCount, 1, 768));
    }

    [Fact]
    public void Refuses_an_aspect_ratio_above_200()
    {
        var error = Assert.Throws<ArgumentException>(() => ColQwenPatchCalculator.Compute(2010, 10));

        Assert.Contains("aspect ratio above 200", error.Message);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    public void Refuses_a_side_that_is_not_positive(int width, int height)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColQwenPatchCalculator.Compute(width, height));
    }

    [Fact]
    public void Computes_the_grid_of_an_encoded_image_from_its_header()
    {
        byte[] jpeg = TestImages.Encode(1024, 768, SKColors.White, SKEncodedImageFormat.Jpeg);

        Assert.Equal(new ColQwenPatchGrid(1024, 768, 32, 24), ColQwenPatchCalculator.Compute(jpeg));
    }
}

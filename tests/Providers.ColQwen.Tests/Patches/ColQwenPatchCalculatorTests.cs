using Providers.ColQwen.Tests.Support;
using SkiaSharp;

namespace Providers.ColQwen.Tests.Patches;

// The formula itself is tested in Providers.Core.Tests (QwenImageGridTests); these pin the service's limits and the
// width-first order of this API.
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

    [Fact]
    public void Computes_the_grid_of_an_encoded_image_from_its_header()
    {
        byte[] jpeg = TestImages.Encode(1024, 768, SKColors.White, SKEncodedImageFormat.Jpeg);

        Assert.Equal(new ColQwenPatchGrid(1024, 768, 32, 24), ColQwenPatchCalculator.Compute(jpeg));
    }
}

using Providers.Core.Imaging;

namespace Providers.Core.Tests.Imaging;

public sealed class QwenImageGridTests
{
    // The ColQwen2.5 service's limits, and the local ONNX model's defaults.
    private const int ServiceMinPixels = 3136;
    private const int ServiceMaxPixels = 602112;
    private const int OnnxMinPixels = 4 * 28 * 28;
    private const int OnnxMaxPixels = 768 * 28 * 28;

    [Theory]
    [InlineData(768, 1024, 672, 896)] // wire-formats.md: 1024x768 -> 32 x 24 patches
    [InlineData(512, 512, 504, 504)] // 18 x 18 patches
    public void Resizes_the_worked_examples_of_the_wire_format(int height, int width, int resizedHeight, int resizedWidth)
    {
        Assert.Equal((resizedHeight, resizedWidth), QwenImageGrid.SmartResize(height, width, QwenImageGrid.Factor, ServiceMinPixels, ServiceMaxPixels));
    }

    [Theory]
    [InlineData(1123, 794)]
    [InlineData(1754, 1240)]
    [InlineData(3508, 2480)]
    public void Resizes_an_A4_page_at_any_resolution_to_644_by_896_pixels(int height, int width)
    {
        Assert.Equal((896, 644), QwenImageGrid.SmartResize(height, width, QwenImageGrid.Factor, ServiceMinPixels, ServiceMaxPixels));
    }

    // Expected merged patches from transformers' smart_resize and colpali's get_n_patches, run in Python.
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
        var (resizedHeight, resizedWidth) = QwenImageGrid.SmartResize(height, width, QwenImageGrid.Factor, ServiceMinPixels, ServiceMaxPixels);

        Assert.Equal((patchesX, patchesY), (resizedWidth / QwenImageGrid.Factor, resizedHeight / QwenImageGrid.Factor));
    }

    [Theory]
    [InlineData(50, 70, 56, 56)] // 70 / 28 = 2.5 rounds half to even, to 2
    [InlineData(40, 30, 84, 56)] // below min_pixels: scaled up
    [InlineData(1754, 1240, 896, 644)]
    public void Applies_the_pixel_limits_it_is_given(int height, int width, int resizedHeight, int resizedWidth)
    {
        Assert.Equal((resizedHeight, resizedWidth), QwenImageGrid.SmartResize(height, width, QwenImageGrid.Factor, OnnxMinPixels, OnnxMaxPixels));
    }

    [Fact]
    public void Never_exceeds_the_maximum_area()
    {
        var sizes = from w in Enumerable.Range(1, 60) from h in Enumerable.Range(1, 60) select (W: w * 97, H: h * 89);

        Assert.All(sizes, s =>
        {
            var (height, width) = QwenImageGrid.SmartResize(s.H, s.W, QwenImageGrid.Factor, ServiceMinPixels, ServiceMaxPixels);
            Assert.InRange((long)height * width, ServiceMinPixels, ServiceMaxPixels);
            Assert.Equal(0, height % QwenImageGrid.Factor);
            Assert.Equal(0, width % QwenImageGrid.Factor);
        });
    }

    [Fact]
    public void Refuses_an_aspect_ratio_above_200()
    {
        var error = Assert.Throws<ArgumentException>(() => QwenImageGrid.SmartResize(10, 2010, QwenImageGrid.Factor, ServiceMinPixels, ServiceMaxPixels));

        Assert.Equal("A 2010x10 image has an aspect ratio above 200, which Qwen2-VL's image processor refuses.", error.Message);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    public void Refuses_a_side_that_is_not_positive(int height, int width)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QwenImageGrid.SmartResize(height, width, QwenImageGrid.Factor, ServiceMinPixels, ServiceMaxPixels));
    }

    [Fact]
    public void Refuses_pixel_limits_in_the_wrong_order()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QwenImageGrid.SmartResize(100, 100, QwenImageGrid.Factor, ServiceMaxPixels, ServiceMinPixels));
    }
}

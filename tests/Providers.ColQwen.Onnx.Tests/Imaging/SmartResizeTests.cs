using Providers.ColQwen.Onnx.Imaging;

namespace Providers.ColQwen.Onnx.Tests.Imaging;

public class SmartResizeTests
{
    [Theory]
    [InlineData(1024, 768, 32, 24)] // the service's documented example
    [InlineData(512, 512, 18, 18)]
    [InlineData(1240, 1754, 23, 32)] // A4 at 150 dpi becomes 644 x 896
    [InlineData(70, 50, 2, 2)] // 70 / 28 = 2.5 rounds half to even, to 2
    [InlineData(30, 40, 2, 3)] // below min_pixels: scaled up to 56 x 84
    public void Gives_the_merged_patch_grid_Qwen2VL_computes(int width, int height, int tokensAcross, int tokensDown)
    {
        var grid = SmartResize.Compute(height, width, ColQwenOnnxOptions.DefaultMinPixels, ColQwenOnnxOptions.DefaultMaxPixels, out string? refusal);

        Assert.Null(refusal);
        Assert.Equal((tokensAcross, tokensDown), (grid.MergedWidth, grid.MergedHeight));
    }

    [Fact]
    public void Keeps_an_A4_page_within_768_image_tokens()
    {
        var grid = SmartResize.Compute(1754, 1240, ColQwenOnnxOptions.DefaultMinPixels, ColQwenOnnxOptions.DefaultMaxPixels, out _);

        Assert.Equal((644, 896, 736), (grid.ResizedWidth, grid.ResizedHeight, grid.TokenCount));
    }

    [Theory]
    [InlineData(27, 500, "at least 28 pixels")]
    [InlineData(6000, 29, "aspect ratio must not exceed 200")]
    public void Refuses_sizes_Qwen2VL_cannot_resize(int width, int height, string reason)
    {
        SmartResize.Compute(height, width, ColQwenOnnxOptions.DefaultMinPixels, ColQwenOnnxOptions.DefaultMaxPixels, out string? refusal);

        Assert.Contains(reason, refusal);
    }
}

using Providers.ColQwen.Onnx.Imaging;

namespace Providers.ColQwen.Onnx.Tests.Imaging;

/// <summary>
/// Compares the C# preprocessing with golden arrays written by tools/colqwen-onnx/reference_preprocess.py (Pillow
/// and NumPy running the Qwen2-VL processor's algorithm). Lossless formats must match exactly: same decoded pixels,
/// Pillow's fixed-point bicubic reproduced bit for bit, NumPy's float32 normalisation. JPEG is allowed one level of
/// 255 (one decoder rounding step, libjpeg-turbo builds differ between platforms); on Linux x64 it matches exactly.
/// </summary>
public class GoldenPreprocessingTests
{
    private const float LosslessTolerance = 0f;
    private const float JpegTolerance = 1f / 255 / 0.26130258f;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var item in Fixtures.GoldenManifest())
        {
            data.Add(item!["image"]!.GetValue<string>());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference_pixel_values(string image)
    {
        var golden = Fixtures.GoldenManifest().Single(item => item!["image"]!.GetValue<string>() == image)!;
        var processor = new Qwen2VLImageProcessor(golden["minPixels"]!.GetValue<int>(), golden["maxPixels"]!.GetValue<int>());
        byte[] encoded = Fixtures.Image(image);
        float[] expected = Fixtures.ReadFloats(Path.Combine(Fixtures.Golden, golden["pixelValues"]!.GetValue<string>()));

        var grid = processor.Inspect(encoded, 0);
        var actual = new float[grid.ValueCount];
        processor.Preprocess(encoded, grid, actual, 0);

        Assert.Equal(Fixtures.Ints(golden["gridThw"]), new[] { 1, grid.Height, grid.Width });
        Assert.Equal(expected.Length, actual.Length);
        float tolerance = image.EndsWith(".jpg", StringComparison.Ordinal) ? JpegTolerance : LosslessTolerance;
        float worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"largest difference {worst} exceeds {tolerance}");
    }
}

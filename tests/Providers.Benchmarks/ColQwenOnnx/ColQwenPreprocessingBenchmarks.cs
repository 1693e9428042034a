using BenchmarkDotNet.Attributes;
using Providers.ColQwen.Onnx;
using Providers.ColQwen.Onnx.Imaging;

namespace Providers.Benchmarks.ColQwenOnnx;

/// <summary>Preprocessing time of one A4 page: decode, smart_resize to 644 x 896, Pillow bicubic, normalise, flatten to [2944, 1176].</summary>
[MemoryDiagnoser]
public class ColQwenPreprocessingBenchmarks
{
    private readonly Qwen2VLImageProcessor _processor = new(ColQwenOnnxOptions.DefaultMinPixels, ColQwenOnnxOptions.DefaultMaxPixels);
    private byte[] _page = [];
    private float[] _pixelValues = [];
    private PatchGrid _grid;

    [GlobalSetup]
    public void Setup()
    {
        _page = A4Page.Png(seed: 1);
        _grid = _processor.Inspect(_page, 0);
        _pixelValues = new float[_grid.ValueCount];
    }

    [Benchmark(Description = "Preprocess one A4 page (PNG, 1240x1754)")]
    public void PreprocessA4Page()
    {
        var grid = _processor.Inspect(_page, 0);
        _processor.Preprocess(_page, grid, _pixelValues, 0);
    }
}

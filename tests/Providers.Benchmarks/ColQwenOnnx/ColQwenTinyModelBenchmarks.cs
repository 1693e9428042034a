using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Providers.ColQwen.Onnx;

namespace Providers.Benchmarks.ColQwenOnnx;

/// <summary>
/// End-to-end pages per second with the tiny random-weight model on the CPU: the whole client (decoding,
/// preprocessing, prompts, index inputs, one batched ONNX Runtime run, output cutting) around a model whose own cost
/// is small. Pages/s = <see cref="PagesPerCall"/> / mean time. The real model's cost is in docs/local-colqwen.md.
/// </summary>
[MemoryDiagnoser]
public class ColQwenTinyModelBenchmarks
{
    public const int PagesPerCall = 4;

    private ColQwenOnnxPageEmbeddingGenerator? _generator;
    private DataContent[] _pages = [];

    [GlobalSetup]
    public void Setup()
    {
        _generator = new ColQwenOnnxPageEmbeddingGenerator(new ColQwenOnnxOptions
        {
            ModelDirectory = Path.Combine(AppContext.BaseDirectory, "ColQwenOnnx", "tiny-model"),
            ExecutionProvider = ColQwenExecutionProvider.Cpu,
        });
        _pages = Enumerable.Range(0, PagesPerCall).Select(seed => new DataContent(A4Page.Png(seed), "image/png")).ToArray();
        _generator.GenerateAsync(_pages).GetAwaiter().GetResult(); // loads the graph
    }

    [GlobalCleanup]
    public void Cleanup() => _generator?.Dispose();

    [Benchmark(Description = "Embed 4 A4 pages, tiny model, CPU")]
    public Task<GeneratedEmbeddings<Providers.Core.MultiVectorEmbedding>> EmbedFourA4Pages() => _generator!.GenerateAsync(_pages);
}

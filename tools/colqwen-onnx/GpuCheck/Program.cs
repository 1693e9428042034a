// Usage: GpuCheck [auto|cuda|cpu] [tiny-model folder]
// Embeds the tiny model's test pages and queries and compares them with the expected outputs.
// Exit code: 0 = outputs match; 1 = outputs differ; 2 = the model could not be loaded on the requested provider.
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Providers.ColQwen.Onnx;

var provider = Enum.Parse<ColQwenExecutionProvider>(args.Length > 0 ? args[0] : "auto", ignoreCase: true);
string model = args.Length > 1 ? args[1] : Path.Combine("tests", "Providers.ColQwen.Onnx.Tests", "Fixtures", "tiny-model");
string images = Path.Combine(model, "..", "images");
const float Tolerance = 1e-3f; // CUDA may use TF32 matrix products

Console.WriteLine($"ONNX Runtime providers in this native library: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}");
using var loggers = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
var options = new ColQwenOnnxOptions { ModelDirectory = model, ExecutionProvider = provider };
var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "expected.json")))!;
try
{
    using var colqwen = new ColQwenOnnxModel(options, loggers.CreateLogger<ColQwenOnnxModel>());
    using var pages = new ColQwenOnnxPageEmbeddingGenerator(colqwen);
    using var queries = new ColQwenOnnxQueryEmbeddingGenerator(colqwen);
    var pageCases = expected["pages"]!.AsArray();
    var pageEmbeddings = await pages.GenerateAsync(pageCases.Select(p =>
        new DataContent(File.ReadAllBytes(Path.Combine(images, p!["image"]!.GetValue<string>())), "image/png")));
    var queryCases = expected["queries"]!.AsArray();
    var queryEmbeddings = await queries.GenerateAsync(queryCases.Select(q => q!["text"]!.GetValue<string>()));

    float worst = 0;
    for (int i = 0; i < pageCases.Count; i++)
    {
        worst = Math.Max(worst, Difference(pageCases[i]!["embeddings"]!.GetValue<string>(), pageEmbeddings[i].Vectors.Span));
    }

    for (int i = 0; i < queryCases.Count; i++)
    {
        worst = Math.Max(worst, Difference(queryCases[i]!["embeddings"]!.GetValue<string>(), queryEmbeddings[i].Vectors.Span));
    }

    Console.WriteLine($"largest difference from the expected outputs: {worst:E2} (tolerance {Tolerance:E0})");
    Console.WriteLine(worst <= Tolerance ? "PASS" : "FAIL");
    return worst <= Tolerance ? 0 : 1;
}
catch (ColQwenModelException e)
{
    Console.WriteLine($"NOT LOADED: {e.Message}");
    return 2;
}

float Difference(string file, ReadOnlySpan<float> actual)
{
    using var input = new GZipStream(File.OpenRead(Path.Combine(model, file)), CompressionMode.Decompress);
    using var bytes = new MemoryStream();
    input.CopyTo(bytes);
    var reference = MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
    if (reference.Length != actual.Length)
    {
        return float.PositiveInfinity;
    }

    float worst = 0;
    for (int i = 0; i < actual.Length; i++)
    {
        worst = Math.Max(worst, Math.Abs(reference[i] - actual[i]));
    }

    return worst;
}

// Usage: GpuCheck [auto|cuda|cpu] [tiny-model folder]
// 1. Applies a non-default set of CUDA deployment options and checks, through ONNX Runtime's own
//    OrtCUDAProviderOptions.GetOptions(), that each reached the CUDA provider (cuda only).
// 2. Embeds the tiny model's test pages and queries (float32, then the float16 export, then float32 with device IO
//    binding) and compares them with the expected outputs.
// Exit code: 0 = all match; 1 = outputs or options differ; 2 = the model could not be loaded on the requested provider.
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Providers.ColQwen.Onnx;
using Providers.ColQwen.Onnx.Inference;

var provider = Enum.Parse<ColQwenExecutionProvider>(args.Length > 0 ? args[0] : "auto", ignoreCase: true);
string model = args.Length > 1 ? args[1] : Path.Combine("tests", "Providers.ColQwen.Onnx.Tests", "Fixtures", "tiny-model");
string images = Path.Combine(model, "..", "images");
const float Tolerance = 1e-3f; // CUDA may use TF32 matrix products
const float HalfTolerance = 5e-3f; // float16 on CUDA computes in float16, not float32 as the CPU's inserted casts do

Console.WriteLine($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, providers in this native library: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}");
using var loggers = LoggerFactory.Create(builder => builder.AddSimpleConsole(o => o.SingleLine = true));
var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "expected.json")))!;
bool ok = true;
try
{
    if (provider == ColQwenExecutionProvider.Cuda)
    {
        ok &= CheckCudaOptions();
    }

    ok &= await Check("float32", new ColQwenOnnxOptions { ModelDirectory = model, ExecutionProvider = provider, UseTf32 = false }, Tolerance);
    ok &= await Check("float16", new ColQwenOnnxOptions { ModelDirectory = model + "-fp16", ExecutionProvider = provider }, HalfTolerance);
    ok &= await Check("float32, device IO binding", new ColQwenOnnxOptions { ModelDirectory = model, ExecutionProvider = provider, UseDeviceIoBinding = true }, Tolerance);
}
catch (Exception e) when (e is ColQwenModelException or OnnxRuntimeException)
{
    Console.WriteLine($"NOT LOADED: {e.Message}");
    return 2;
}

Console.WriteLine(ok ? "PASS" : "FAIL");
return ok ? 0 : 1;

bool CheckCudaOptions()
{
    var options = new ColQwenOnnxOptions
    {
        ModelDirectory = model,
        CudaDeviceId = 0,
        GpuMemoryLimitBytes = 3L << 30,
        ArenaExtendStrategy = ColQwenArenaExtendStrategy.SameAsRequested,
        CudnnConvolutionSearch = ColQwenCudnnConvolutionSearch.Exhaustive,
        UseTf32 = false,
    };
    string applied = GraphSessions.CudaProviderOptionsAsApplied(options);
    Console.WriteLine($"CUDA provider options as ONNX Runtime holds them: {applied}");
    var pairs = applied.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
    var wanted = new Dictionary<string, string>
    {
        ["device_id"] = "0",
        ["gpu_mem_limit"] = (3L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["arena_extend_strategy"] = "kSameAsRequested",
        ["cudnn_conv_algo_search"] = "EXHAUSTIVE",
        ["use_tf32"] = "0",
    };
    bool same = true;
    foreach (var (key, value) in wanted)
    {
        string actual = pairs.GetValueOrDefault(key, "(absent)");
        Console.WriteLine($"  {key}: wanted {value}, ONNX Runtime has {actual}");
        same &= actual == value;
    }

    return same;
}

async Task<bool> Check(string what, ColQwenOnnxOptions options, float tolerance)
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

    Console.WriteLine($"{what}: largest difference from the expected outputs {worst:E2} (tolerance {tolerance:E0})");
    return worst <= tolerance;
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

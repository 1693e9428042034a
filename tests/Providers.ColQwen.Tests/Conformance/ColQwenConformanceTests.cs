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

    [Fact(Skip = "The ColQwen service's /embed/queries answer carries no token counts (wire-formats.md, ColQwen).")]
    public override Task Reports_token_usage() => base.Reports_token_usage();
}

using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SvRay.Tests.Support;
using Providers.Testing.Conformance;

namespace Providers.SvRay.Tests.Conformance;

public sealed class SvRayChatClientConformanceTests(EmulatorFixture fixture) : ChatClientConformanceTests<EmulatorFixture>(fixture)
{
    protected override IChatClient CreateChatClient() => new SvRayChatClient(new SvRayChatOptions { Endpoint = Fixture.Emulator.SvRayBaseUrl });
}

public sealed class SvRayEmbeddingGeneratorConformanceTests(EmulatorFixture fixture)
    : EmbeddingGeneratorConformanceTests<Embedding<float>, EmulatorFixture>(fixture)
{
    protected override IEmbeddingGenerator<string, Embedding<float>> CreateGenerator() =>
        new SvRayEmbeddingGenerator(Fixture.Options<SvRayEmbeddingOptions>());

    protected override float[] Values(Embedding<float> embedding) => embedding.Vector.ToArray();
}

public sealed class SvRayMultiVectorEmbeddingGeneratorConformanceTests(EmulatorFixture fixture)
    : EmbeddingGeneratorConformanceTests<MultiVectorEmbedding, EmulatorFixture>(fixture)
{
    protected override IEmbeddingGenerator<string, MultiVectorEmbedding> CreateGenerator() =>
        new SvRayMultiVectorEmbeddingGenerator(Fixture.Options<SvRayMultiVectorEmbeddingOptions>());

    protected override float[] Values(MultiVectorEmbedding embedding) => embedding.Vectors.ToArray();
}

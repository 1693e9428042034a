using Microsoft.Extensions.AI;
using Providers.Testing.Conformance;

namespace Providers.SciBox.Tests.Conformance;

public sealed class SciBoxChatClientConformanceTests(EmulatorFixture fixture) : ChatClientConformanceTests<EmulatorFixture>(fixture)
{
    protected override IChatClient CreateChatClient() => new SciBoxChatClient(Fixture.Options);
}

public sealed class SciBoxEmbeddingGeneratorConformanceTests(EmulatorFixture fixture)
    : EmbeddingGeneratorConformanceTests<Embedding<float>, EmulatorFixture>(fixture)
{
    protected override IEmbeddingGenerator<string, Embedding<float>> CreateGenerator() => new SciBoxEmbeddingGenerator(Fixture.Options);

    protected override float[] Values(Embedding<float> embedding) => embedding.Vector.ToArray();
}

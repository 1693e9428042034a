using Microsoft.Extensions.AI;
using Providers.Testing.Conformance;

namespace Providers.Ovms.Tests.Conformance;

public sealed class OvmsEmbeddingGeneratorConformanceTests(EmulatorFixture fixture)
    : EmbeddingGeneratorConformanceTests<Embedding<float>, EmulatorFixture>(fixture)
{
    protected override IEmbeddingGenerator<string, Embedding<float>> CreateGenerator() => new OvmsEmbeddingGenerator(Fixture.Options);

    protected override float[] Values(Embedding<float> embedding) => embedding.Vector.ToArray();
}

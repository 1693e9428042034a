using Providers.Emulator;
using Providers.SvRay;

namespace Providers.SentenceTransformers.Onnx.Tests;

/// <summary>
/// The emulator's SV Ray answers for all-MiniLM-L6-v2 come from the SentenceTransformers package; ours from this
/// provider: two implementations that share no code must give the same vectors.
/// </summary>
[Collection(MiniLMCollection.Name)]
public sealed class EmulatorAgreementTests(MiniLMFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Texts = [.. VariedSentences.All.Where(text => text.Trim().Length > 0).Take(24)];

    private ProvidersEmulator? _emulator;

    private ProvidersEmulator Emulator => _emulator!;

    public async Task InitializeAsync() => _emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    [Fact]
    public async Task SV_Ray_text_embeddings_for_MiniLM_are_the_local_models_vectors()
    {
        using var svRay = new SvRayEmbeddingGenerator(new SvRayEmbeddingOptions { Endpoint = Emulator.SvRayBaseUrl, Timeout = TimeSpan.FromSeconds(60) });

        var remote = await svRay.GenerateAsync(Texts);
        var local = await fixture.Sentences.GenerateAsync(Texts);

        Assert.All(Enumerable.Range(0, Texts.Length), i => Assert.True(Vectors.Cosine(remote[i].Vector.Span, local[i].Vector.Span) >= 0.9999f, Texts[i]));
    }

    [Fact]
    public async Task SV_Ray_multi_vector_embeddings_for_MiniLM_are_the_local_token_vectors()
    {
        using var svRay = new SvRayMultiVectorEmbeddingGenerator(new SvRayMultiVectorEmbeddingOptions
        {
            Endpoint = Emulator.SvRayBaseUrl,
            ModelId = "sentence-transformers/all-MiniLM-L6-v2",
            Timeout = TimeSpan.FromSeconds(60),
        });

        var remote = await svRay.GenerateAsync(Texts);
        var local = await fixture.Tokens.GenerateAsync(Texts);

        Assert.All(Enumerable.Range(0, Texts.Length), i =>
        {
            Assert.Equal(local[i].TokenCount, remote[i].TokenCount);
            Assert.All(Enumerable.Range(0, local[i].TokenCount), t => Assert.True(Vectors.Cosine(remote[i].GetVector(t), local[i].GetVector(t)) >= 0.999f));
        });
    }

    [Fact]
    public async Task Other_models_keep_their_stand_ins()
    {
        using var svRay = new SvRayEmbeddingGenerator(new SvRayEmbeddingOptions { Endpoint = Emulator.SvRayBaseUrl, ModelId = "BAAI/bge-m3" });

        var vectors = await svRay.GenerateAsync(["A man is eating food.", "A man is eating a piece of bread."]);

        Assert.Equal(1024, vectors[0].Vector.Length);
    }
}

using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Xunit;

namespace Providers.Testing.Conformance;

/// <summary>
/// What every text <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of this repository does, run against the
/// emulator. A provider's test class derives, says how to make its generator and how to read an embedding's values,
/// and overrides a test with <c>[Fact(Skip = "why")]</c> only for what its service truly lacks.
/// </summary>
/// <typeparam name="TEmbedding">The embedding type: single vectors or multi-vectors.</typeparam>
/// <typeparam name="TFixture">The provider's emulator fixture.</typeparam>
/// <param name="fixture">The emulator, seen from the provider's service.</param>
public abstract class EmbeddingGeneratorConformanceTests<TEmbedding, TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TEmbedding : Embedding
    where TFixture : ServiceEmulatorFixture
{
    /// <summary>The texts every test embeds.</summary>
    protected static readonly string[] Texts =
    [
        "The Fresnel lens was designed for lighthouses.",
        "Quantum entanglement correlates the states of particles.",
        "Bananas are yellow.",
    ];

    protected TFixture Fixture { get; } = Reset(fixture);

    /// <summary>Creates the provider's generator, pointed at the emulator.</summary>
    protected abstract IEmbeddingGenerator<string, TEmbedding> CreateGenerator();

    /// <summary>Reads all the values of an embedding, in order.</summary>
    protected abstract float[] Values(TEmbedding embedding);

    [Fact]
    public virtual async Task Returns_one_embedding_per_input_in_input_order()
    {
        using var generator = CreateGenerator();

        var batch = await generator.GenerateAsync(Texts);
        var last = await generator.GenerateAsync([Texts[2]]);

        Assert.Equal(Texts.Length, batch.Count);
        Assert.Equal(Values(last[0]), Values(batch[2]));
        Assert.NotEqual(Values(batch[0]), Values(batch[1]));
    }

    [Fact]
    public virtual async Task Gives_every_embedding_the_same_dimensions_and_finite_values()
    {
        using var generator = CreateGenerator();

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.Single(embeddings.Select(e => e.Dimensions).Distinct());
        Assert.All(embeddings, e => Assert.All(Values(e), v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public virtual async Task Reports_token_usage()
    {
        using var generator = CreateGenerator();

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.True(embeddings.Usage?.InputTokenCount > 0, "no input tokens reported");
    }

    [Fact]
    public virtual async Task Answers_a_repeated_request_from_the_cache()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var generator = CreateGenerator().AsBuilder().UseDistributedCache(cache).Build();

        var first = await generator.GenerateAsync(Texts);
        int requests = Fixture.Requests.Count;
        var second = await generator.GenerateAsync(Texts);

        Assert.Equal(requests, Fixture.Requests.Count);
        Assert.Equal(Values(first[1]), Values(second[1]));
    }

    [Fact]
    public virtual async Task Traces_a_call_with_the_provider_address_and_model()
    {
        string source = $"conformance-{Guid.NewGuid():N}";
        var activities = new List<Activity>();
        using var listener = ConformanceTracing.Listen(source, activities);
        using var generator = CreateGenerator().AsBuilder().UseOpenTelemetry(sourceName: source).Build();

        await generator.GenerateAsync(Texts);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;
        ConformanceTracing.AssertOneCallTraced(activities, metadata.ProviderName, metadata.DefaultModelId);
    }

    [Fact]
    public virtual async Task Stops_when_the_call_is_cancelled()
    {
        using var generator = CreateGenerator();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(Texts, cancellationToken: cancellation.Token));
    }

    [Fact]
    public virtual void Describes_itself_through_GetService()
    {
        using var generator = CreateGenerator();

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        ConformanceTracing.AssertDescribesLoopbackService(metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId);
        Assert.Same(generator, generator.GetService(generator.GetType()));
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "some key"));
    }

    private static TFixture Reset(TFixture fixture)
    {
        fixture.Reset();
        return fixture;
    }
}

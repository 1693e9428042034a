using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Core.OpenAI;
using Snapshooter.Xunit;

namespace Providers.SciBox.Tests.Embeddings;

public sealed class SciBoxEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "v1/embeddings";
    private static readonly string[] Texts = ["Что такое квантовая запутанность?", "Квантовая запутанность — это корреляция состояний частиц"];

    private readonly EmulatorFixture _fixture;

    public SciBoxEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_bge_m3_with_an_explicit_float_encoding()
    {
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        await generator.GenerateAsync(Texts);

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_base64_encoding_when_configured()
    {
        using var generator = new SciBoxEmbeddingGenerator(Base64Options());

        await generator.GenerateAsync(Texts);

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Returns_one_1024_dimension_vector_per_input_in_order_with_usage()
    {
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.Equal(2, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(1024, e.Vector.Length));
        Assert.All(embeddings, e => Assert.Equal("bge-m3", e.ModelId));
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
        var single = await generator.GenerateAsync([Texts[1]]);
        Assert.Equal(single[0].Vector.ToArray(), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task Reads_the_same_vectors_from_base64_as_from_floats()
    {
        using var floats = new SciBoxEmbeddingGenerator(_fixture.Options);
        using var base64 = new SciBoxEmbeddingGenerator(Base64Options());

        var fromFloats = await floats.GenerateAsync(Texts);
        var fromBase64 = await base64.GenerateAsync(Texts);

        for (int i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(fromFloats[i].Vector.ToArray(), fromBase64[i].Vector.ToArray());
        }
    }

    [Fact]
    public async Task Sends_nothing_for_no_inputs()
    {
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        var embeddings = await generator.GenerateAsync([]);

        Assert.Empty(embeddings);
        Assert.Empty(_fixture.Requests);
    }

    [Theory]
    [InlineData(EmbeddingEncoding.Float)]
    [InlineData(EmbeddingEncoding.Base64)]
    public async Task Refuses_an_answer_with_the_wrong_number_of_vectors(EmbeddingEncoding encoding)
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new SciBoxEmbeddingGenerator(Options(encoding));

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts));

        Assert.Contains("embeddings for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_bare_NaN_literal_in_a_float_vector()
    {
        _fixture.Faults(Route).InjectNaN();
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts));

        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_NaN_bits_in_a_base64_vector()
    {
        _fixture.Faults(Route).InjectNaN();
        using var generator = new SciBoxEmbeddingGenerator(Base64Options());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts));

        Assert.Contains("non-finite value (NaN) at dimension 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_cut_off_answer_as_malformed()
    {
        _fixture.Faults(Route).MalformedJson();
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts));
    }

    [Fact]
    public async Task Raises_LiteLLMs_error_for_an_unknown_model()
    {
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(Texts, new EmbeddingGenerationOptions { ModelId = "text-embedding-3-small" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Invalid model name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_a_rate_limit_after_LiteLLMs_float_retry_after()
    {
        _fixture.Faults(Route).FailNext(1, 429, retryAfter: "1.25");
        var time = new RecordingTimeProvider();
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options)
            .AsBuilder()
            .UseRetry(o => o.TimeProvider = time)
            .Build();

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(TimeSpan.FromSeconds(1.25), Assert.Single(time.Delays));
    }

    [Fact]
    public async Task Retries_a_503_with_whole_second_retry_after()
    {
        _fixture.Faults(Route).FailNext(1, 503, retryAfter: "3");
        var time = new RecordingTimeProvider();
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options)
            .AsBuilder()
            .UseRetry(o => o.TimeProvider = time)
            .Build();

        await generator.GenerateAsync(Texts);

        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(time.Delays));
    }

    [Fact]
    public void Describes_itself_through_metadata()
    {
        using var generator = new SciBoxEmbeddingGenerator(_fixture.Options);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("SciBox", metadata?.ProviderName);
        Assert.Equal(_fixture.Emulator.SciBoxBaseUrl, metadata?.ProviderUri);
        Assert.Equal("bge-m3", metadata?.DefaultModelId);
    }

    private SciBoxOptions Base64Options() => Options(EmbeddingEncoding.Base64);

    private SciBoxOptions Options(EmbeddingEncoding encoding)
    {
        var options = _fixture.Options;
        options.EmbeddingEncoding = encoding;
        return options;
    }
}

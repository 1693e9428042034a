using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>Ollama's embeddings route (<c>/api/embed</c>) through Spirit-GPU's proxy mode.</summary>
public sealed class SpiritOllamaEmbeddingGeneratorTests : IClassFixture<ProxyEmulatorFixture>
{
    private const string Route = "api/embed";
    private readonly ProxyEmulatorFixture _fixture;

    public SpiritOllamaEmbeddingGeneratorTests(ProxyEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Embeds_every_value_in_one_request_in_order_with_the_token_count()
    {
        using IEmbeddingGenerator<string, Embedding<float>> generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions());

        var embeddings = await generator.GenerateAsync(["the sky", "is blue", "the sky"]);

        Assert.Equal(3, embeddings.Count);
        Assert.True(embeddings[0].Vector.Span.SequenceEqual(embeddings[2].Vector.Span));
        Assert.False(embeddings[0].Vector.Span.SequenceEqual(embeddings[1].Vector.Span));
        Assert.All(embeddings, e => Assert.Equal("nomic-embed-text", e.ModelId));
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
        var request = Assert.Single(_fixture.Requests);
        Assert.Equal(("POST", "/api/embed"), (request.Method, request.Path));
        Assert.Equal(3, _fixture.LastBody()["input"]!.Count());
    }

    [Fact]
    public async Task Sends_truncate_and_keep_alive_as_fields_and_other_extras_as_model_options()
    {
        using var generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions());

        await generator.GenerateAsync(["a"], new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { ["truncate"] = false, ["keep_alive"] = "5m", ["num_ctx"] = 2048 },
        });

        var body = _fixture.LastBody();
        Assert.Equal((false, "5m", 2048), ((bool)body["truncate"]!, (string)body["keep_alive"]!, (int)body["options"]!["num_ctx"]!));
    }

    [Fact]
    public async Task A_model_the_worker_has_not_pulled_raises_ollamas_404()
    {
        using var generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "all-minilm" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("model \"all-minilm\" not found, try pulling it first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_the_wrong_number_of_vectors_is_refused()
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Contains("embeddings for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_raises_401_without_the_key()
    {
        using var generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions(apiKey: "wrong-ollama-key"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("wrong-ollama-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batching_refuses_a_null_value_before_the_first_batch_with_its_index()
    {
        using var generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions()).AsBuilder().UseBatching(o => o.MaxBatchSize = 1).Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", null!]));

        Assert.StartsWith("Input 1 is null", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Sends_nothing_for_no_values()
    {
        using var generator = new SpiritOllamaEmbeddingGenerator(_fixture.EmbeddingOptions());

        Assert.Empty(await generator.GenerateAsync([]));
        Assert.Empty(_fixture.Requests);
    }
}

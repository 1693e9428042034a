using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>The OpenAI embeddings route (<c>/v1/embeddings</c>) through Spirit-GPU's proxy mode.</summary>
public sealed class SpiritProxyEmbeddingGeneratorTests : IClassFixture<ProxyEmulatorFixture>
{
    private const string Route = "v1/embeddings";
    private readonly ProxyEmulatorFixture _fixture;

    public SpiritProxyEmbeddingGeneratorTests(ProxyEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Embeds_every_value_in_order_with_the_default_model_and_the_proxy_credentials()
    {
        using IEmbeddingGenerator<string, Embedding<float>> generator = new SpiritProxyEmbeddingGenerator(_fixture.EmbeddingOptions());

        var embeddings = await generator.GenerateAsync(["the sky", "is blue", "the sky"]);

        Assert.Equal(3, embeddings.Count);
        Assert.True(embeddings[0].Vector.Span.SequenceEqual(embeddings[2].Vector.Span));
        Assert.False(embeddings[0].Vector.Span.SequenceEqual(embeddings[1].Vector.Span));
        Assert.All(embeddings, e => Assert.Equal("nomic-embed-text", e.ModelId));
        var request = Assert.Single(_fixture.Requests);
        Assert.Equal(("POST", "/v1/embeddings"), (request.Method, request.Path));
        Assert.Equal("nomic-embed-text", _fixture.LastBody()["model"]!.ToString());
    }

    [Fact]
    public async Task A_model_the_worker_does_not_serve_raises_the_servers_error_naming_the_route()
    {
        using var generator = new SpiritProxyEmbeddingGenerator(_fixture.EmbeddingOptions());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "no-such-model" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
        Assert.Contains("/v1/embeddings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_raises_401_without_the_key()
    {
        using var generator = new SpiritProxyEmbeddingGenerator(_fixture.EmbeddingOptions(apiKey: "wrong-embedding-key"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("wrong-embedding-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_with_the_wrong_number_of_vectors_is_refused()
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new SpiritProxyEmbeddingGenerator(_fixture.EmbeddingOptions());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Contains("embeddings for 2 inputs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describes_the_proxy_and_the_model_through_get_service()
    {
        using IEmbeddingGenerator<string, Embedding<float>> generator = new SpiritProxyEmbeddingGenerator(_fixture.EmbeddingOptions());

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(("Spirit-GPU", _fixture.Emulator.SpiritBaseUrl, "nomic-embed-text"), (metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId));
        Assert.NotNull(generator.GetService<IEmbeddingInputValidator<string>>());
    }
}

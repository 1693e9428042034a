using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SvRay.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.SvRay.Tests.MultiVector;

public sealed class SvRayMultiVectorEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "embed-text/v1/multivector-embeddings";
    private readonly EmulatorFixture _fixture;

    public SvRayMultiVectorEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_ColBERT_model_the_texts_and_is_query_false_for_documents()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        await generator.GenerateAsync(["a document about cats"]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/embed-text/v1/multivector-embeddings", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Sends_is_query_true_for_a_query_generator()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>(o => o.IsQuery = true));

        await generator.GenerateAsync(["cats"]);

        Snapshot.Match(Assert.Single(_fixture.Requests).Body);
    }

    [Fact]
    public async Task Lets_a_call_override_is_query_without_repeating_the_field()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        await generator.GenerateAsync(["cats"], new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { [SvRayMultiVectorEmbeddingGenerator.IsQueryProperty] = true, ["truncate"] = 64 },
        });

        Snapshot.Match(Assert.Single(_fixture.Requests).Body);
    }

    [Fact]
    public async Task Refuses_an_is_query_property_that_is_not_a_bool()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["cats"], new EmbeddingGenerationOptions
        {
            AdditionalProperties = new() { [SvRayMultiVectorEmbeddingGenerator.IsQueryProperty] = "perhaps" },
        }));

        Assert.Contains("is_query", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Returns_one_128_dimensional_vector_per_token_for_each_text_in_order()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync(["one", "three words here"]);

        Assert.Equal([1, 3], embeddings.Select(e => e.TokenCount));
        Assert.All(embeddings, e => Assert.Equal(128, e.Dimensions));
        Assert.All(embeddings, e => Assert.Equal(SvRayMultiVectorEmbeddingOptions.DefaultModelId, e.ModelId));
        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task Refuses_an_answer_with_the_wrong_number_of_embeddings()
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Contains("for 2 inputs", error.Message);
    }

    [Fact]
    public async Task Refuses_an_answer_holding_NaN()
    {
        _fixture.Faults(Route).InjectNaN();
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public async Task Refuses_a_request_for_shorter_vectors_than_the_model_makes()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() =>
            generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 64 }));

        Assert.Contains("64 were asked for", error.Message);
    }

    [Fact]
    public async Task Retries_a_500_through_the_retry_middleware()
    {
        _fixture.Faults(Route).FailNext(1, 500);
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>())
            .AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        var embeddings = await generator.GenerateAsync(["a"]);

        Assert.Single(embeddings);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Refuses_a_null_text_before_sending()
    {
        using var generator = new SvRayMultiVectorEmbeddingGenerator(_fixture.Options<SvRayMultiVectorEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", null!]));

        Assert.Contains("Input 1", error.Message);
        Assert.Empty(_fixture.Requests);
    }
}

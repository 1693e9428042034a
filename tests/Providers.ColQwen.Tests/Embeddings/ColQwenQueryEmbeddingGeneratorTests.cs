using System.Net;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.ColQwen.Tests.Support;
using Providers.Core;
using Snapshooter.Xunit;

namespace Providers.ColQwen.Tests.Embeddings;

public sealed class ColQwenQueryEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "embed/queries";
    private readonly EmulatorFixture _fixture;

    public ColQwenQueryEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_queries_as_a_list()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        await generator.GenerateAsync(["a photo of a cat", "a photo of a dog"]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/embed/queries", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Drops_the_left_padding_a_shorter_query_gets_in_a_batch()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var batch = await generator.GenerateAsync(["cat", "a much longer query about many different things"]);
        var alone = await generator.GenerateAsync(["cat"]);

        Assert.True(batch[0].TokenCount < batch[1].TokenCount);
        Assert.Equal(alone[0].Vectors.ToArray(), batch[0].Vectors.ToArray());
        Assert.All(batch, e => Assert.NotEqual(0f, TensorPrimitives.SumOfMagnitudes(e.GetVector(0))));
    }

    [Fact]
    public async Task Returns_128_dimensional_token_vectors_named_after_the_model()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var embedding = (await generator.GenerateAsync(["cat"]))[0];

        Assert.Equal(128, embedding.Dimensions);
        Assert.Equal("vidore/colqwen2.5-v0.2", embedding.ModelId);
        Assert.Null(embedding.ImagePatches);
    }

    [Fact]
    public async Task Refuses_a_request_for_other_dimensions_before_sending()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            generator.GenerateAsync(["cat"], new EmbeddingGenerationOptions { Dimensions = 64 }));

        Assert.Contains("produces 128-dimensional vectors; 64 were requested", error.Message);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Cancels_a_request_in_flight()
    {
        _fixture.Faults(Route).Delay(TimeSpan.FromSeconds(20));
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["cat"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Sends_nothing_for_no_queries()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        Assert.Empty(await generator.GenerateAsync([]));
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_a_null_query_naming_it()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["cat", null!]));

        Assert.Contains("Query 1 is null", error.Message);
    }

    [Theory]
    [InlineData(400, "{\"detail\":\"No queries provided\"}", "No queries provided", false)]
    [InlineData(422, "{\"detail\":[{\"loc\":[\"body\",\"queries\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}", "body.queries: Field required", false)]
    [InlineData(500, "{\"detail\":\"400: No queries provided\"}", "400: No queries provided", true)]
    public async Task Reports_each_documented_error_status_with_the_services_detail(int status, string body, string message, bool retryable)
    {
        _fixture.Faults(Route).FailNext(1, status, body: body);
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["cat"]));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Contains(message, error.Message);
        Assert.Equal(retryable, error.IsRetryable);
    }

    [Fact]
    public async Task Retries_an_out_of_memory_500_through_the_retry_middleware()
    {
        _fixture.Faults(Route).FailNext(1, 500, body: "{\"detail\":\"CUDA out of memory\"}");
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>())
            .AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        var embeddings = await generator.GenerateAsync(["cat"]);

        Assert.Single(embeddings);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Refuses_an_answer_with_the_wrong_number_of_embeddings()
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Contains("for 2 queries", error.Message);
    }

    [Fact]
    public async Task Refuses_an_answer_holding_NaN()
    {
        _fixture.Faults(Route).InjectNaN();
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public async Task Refuses_malformed_JSON()
    {
        _fixture.Faults(Route).MalformedJson();
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public void Describes_itself_with_the_model_and_its_dimensions()
    {
        using var generator = new ColQwenQueryEmbeddingGenerator(_fixture.Options<ColQwenQueryEmbeddingOptions>());

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(("ColQwen", "vidore/colqwen2.5-v0.2", 128), (metadata?.ProviderName, metadata?.DefaultModelId, metadata?.DefaultModelDimensions));
        Assert.NotNull(generator.GetService<ColQwenClient>());
    }
}

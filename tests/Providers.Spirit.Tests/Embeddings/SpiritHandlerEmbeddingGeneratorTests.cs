using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Emulator;
using Providers.Spirit.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.Embeddings;

public sealed class SpiritHandlerEmbeddingGeneratorTests
{
    [Fact]
    public async Task Returns_one_embedding_per_value_in_the_values_order()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        using IEmbeddingGenerator<string, Embedding<float>> generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings());

        var embeddings = await generator.GenerateAsync(["a", "abc", "ab"]);

        Assert.Equal([1f, 3f, 2f], embeddings.Select(e => e.Vector.Span[0]));
        Assert.All(embeddings, e => Assert.Equal("hash-embed", e.ModelId));
        Snapshot.Match(Assert.Single(harness.Requests).Body);
    }

    [Fact]
    public async Task Sends_nothing_for_no_values()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings());

        var embeddings = await generator.GenerateAsync([]);

        Assert.Empty(embeddings);
        Assert.Empty(harness.Requests);
    }

    [Theory]
    [InlineData(new[] { "a", "drop", "c" }, "2 vectors for 3 inputs")]
    [InlineData(new[] { "a", "wide" }, "vector 1 has 3 dimensions; expected 2")]
    [InlineData(new[] { "a", "b", "nan" }, "vector 2 holds a non-finite value (NaN) at dimension 1")]
    public async Task Refuses_output_that_does_not_give_one_finite_vector_of_one_length_per_value(string[] values, string problem)
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings());

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(values));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_vectors_of_another_length_than_the_dimensions_declared()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings(dimensions: 768));

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.Contains("vector 0 has 2 dimensions; expected 768", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describes_itself_through_get_service()
    {
        await using var harness = await SpiritHarness.StartAsync();
        using IEmbeddingGenerator<string, Embedding<float>> generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings(dimensions: 2));

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal(("Spirit-GPU", harness.Emulator.SpiritBaseUrl, "hash-embed", 2), (metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId, metadata?.DefaultModelDimensions));
        Assert.NotNull(generator.GetService<SpiritJobClient>());
    }

    [Fact]
    public async Task The_retry_middleware_retries_a_sync_timeout()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        harness.Emulator.Faults.For(EmulatedService.Spirit).FailNext(1, 408, body: """{"error":"request timeout"}""");
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings()).AsBuilder()
            .UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(1))
            .Build();

        var embeddings = await generator.GenerateAsync(["a", "b"]);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(2, harness.Requests.Count);
    }

    [Fact]
    public async Task Batching_refuses_a_bad_value_before_the_first_batch_unwrapped_and_named_by_the_callers_index()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        var mapping = HandlerMappings.Embeddings();
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), new SpiritHandlerEmbeddingOptions<string>
            {
                CreateInput = mapping.CreateInput,
                ReadEmbeddings = mapping.ReadEmbeddings,
                CheckInput = text => text.Length == 0 ? "the text is empty" : null,
            })
            .AsBuilder()
            .UseBatching(o => o.MaxBatchSize = 2)
            .Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", "b", "c", "d", ""]));

        Assert.Equal("Input 4 cannot be embedded by the Spirit-GPU handler: the text is empty (Parameter 'values')", error.Message);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Batching_refuses_a_null_value_before_the_first_batch()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), HandlerMappings.Embeddings())
            .AsBuilder()
            .UseBatching(o => o.MaxBatchSize = 1)
            .Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", "b", null!]));

        Assert.StartsWith("Input 2 is null", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task A_direct_call_refuses_a_bad_value_before_sending()
    {
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = HandlerMappings.Embedder);
        var mapping = HandlerMappings.Embeddings();
        using var generator = new SpiritHandlerEmbeddingGenerator<string>(harness.PollingClient(), new SpiritHandlerEmbeddingOptions<string>
        {
            CreateInput = mapping.CreateInput,
            ReadEmbeddings = mapping.ReadEmbeddings,
            CheckInput = text => text.Length > 3 ? "longer than 3 characters" : null,
        });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["a", "long one"]));

        Assert.StartsWith("Input 1 cannot be embedded", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }
}

using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Core.OpenAI;
using Providers.Emulator;
using Snapshooter.Xunit;

namespace Providers.Ovms.Tests.Embeddings;

public sealed class OvmsEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] Texts = ["Hello my name is", "Model server can support embeddings endpoint"];

    private readonly EmulatorFixture _fixture;

    public OvmsEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Posts_JSON_to_v3_embeddings_asking_for_base64_by_default()
    {
        using var generator = new OvmsEmbeddingGenerator(_fixture.Options);

        await generator.GenerateAsync(Texts);

        var request = _fixture.Requests.Single();
        Assert.Equal("/v3/embeddings", request.Path);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Asks_for_floats_when_configured()
    {
        var options = _fixture.Options;
        options.EmbeddingEncoding = EmbeddingEncoding.Float;
        using var generator = new OvmsEmbeddingGenerator(options);

        await generator.GenerateAsync(Texts);

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Returns_the_same_vectors_in_either_encoding_with_the_requested_model_and_usage()
    {
        var floatOptions = _fixture.Options;
        floatOptions.EmbeddingEncoding = EmbeddingEncoding.Float;
        using var base64 = new OvmsEmbeddingGenerator(_fixture.Options);
        using var floats = new OvmsEmbeddingGenerator(floatOptions);

        var fromBase64 = await base64.GenerateAsync(Texts);
        var fromFloats = await floats.GenerateAsync(Texts);

        Assert.Equal(2, fromBase64.Count);
        Assert.All(fromBase64, e => Assert.Equal(1024, e.Vector.Length));
        Assert.All(fromBase64, e => Assert.Equal("Alibaba-NLP/gte-large-en-v1.5", e.ModelId));
        Assert.Equal(fromFloats[0].Vector.ToArray(), fromBase64[0].Vector.ToArray());
        Assert.Equal(fromFloats[1].Vector.ToArray(), fromBase64[1].Vector.ToArray());
        Assert.True(fromBase64.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task Refuses_full_length_vectors_when_fewer_dimensions_were_asked_for()
    {
        using var generator = new OvmsEmbeddingGenerator(_fixture.Options);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts, new EmbeddingGenerationOptions { Dimensions = 256 }));

        Assert.Contains("1024 dimensions; 256 were asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_OVMS_error_for_an_unknown_graph()
    {
        using var generator = new OvmsEmbeddingGenerator(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(Texts, new EmbeddingGenerationOptions { ModelId = "no/such-graph" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Mediapipe graph definition with requested name is not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_OVMS_error_for_an_input_longer_than_the_model_takes()
    {
        using var generator = new OvmsEmbeddingGenerator(_fixture.Options);
        string longText = string.Join(' ', Enumerable.Repeat("word", 2000));

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["short", longText]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("longer than allowed 1024", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Refuses_a_wrong_count_of_vectors()
    {
        _fixture.Faults("v3/embeddings").WrongVectorCount();
        using var generator = new OvmsEmbeddingGenerator(_fixture.Options);

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts));
    }

    [Fact]
    public async Task Refuses_NaN_in_a_base64_vector()
    {
        _fixture.Faults("v3/embeddings").InjectNaN();
        using var generator = new OvmsEmbeddingGenerator(_fixture.Options);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(Texts));

        Assert.Contains("non-finite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_not_retry_the_500_OVMS_answers_to_a_wrong_api_key()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsApiKey = "right-key" });
        using var generator = new OvmsEmbeddingGenerator(new OvmsOptions { Endpoint = emulator.OvmsBaseUrl, ApiKey = "wrong-key" })
            .AsBuilder().UseRetry().Build();

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(Texts));

        Assert.False(error.IsRetryable);
        Assert.Contains("OVMS refused the API key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", error.ToString(), StringComparison.Ordinal);
        Assert.Single(emulator.Requests.For(EmulatedService.Ovms));
    }

    [Fact]
    public async Task Sends_the_api_key_the_server_expects()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsApiKey = "right-key" });
        using var generator = new OvmsEmbeddingGenerator(new OvmsOptions { Endpoint = emulator.OvmsBaseUrl, ApiKey = "right-key" });

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.Equal(2, embeddings.Count);
    }

    [Fact]
    public async Task Retries_the_503_of_a_model_still_loading()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { OvmsLoadingTime = TimeSpan.FromSeconds(2) });
        using var generator = new OvmsEmbeddingGenerator(new OvmsOptions { Endpoint = emulator.OvmsBaseUrl })
            .AsBuilder().UseRetry(o =>
            {
                o.MaxAttempts = 60;
                o.BaseDelay = TimeSpan.FromMilliseconds(100);
                o.MaxDelay = TimeSpan.FromMilliseconds(200);
            }).Build();

        var embeddings = await generator.GenerateAsync(Texts);

        Assert.Equal(2, embeddings.Count);
        Assert.Contains(emulator.Requests.For(EmulatedService.Ovms), r => r.StatusCode == 503);
    }

    [Fact]
    public async Task Keeps_order_across_batches()
    {
        using var inner = new OvmsEmbeddingGenerator(_fixture.Options);
        using var generator = inner.AsBuilder().UseBatching(o => o.MaxBatchSize = 3).Build();
        string[] many = [.. Enumerable.Range(0, 10).Select(i => $"text number {i}")];

        var batched = await generator.GenerateAsync(many);
        var single = await inner.GenerateAsync([many[7]]);

        Assert.Equal(10, batched.Count);
        Assert.Equal(single[0].Vector.ToArray(), batched[7].Vector.ToArray());
        Assert.Equal(5, _fixture.Requests.Count);
    }
}

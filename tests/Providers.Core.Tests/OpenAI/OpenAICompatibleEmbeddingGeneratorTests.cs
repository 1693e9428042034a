using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.Core.Tests.OpenAI;

public sealed class OpenAICompatibleEmbeddingGeneratorTests
{
    [Fact]
    public async Task Sends_model_inputs_encoding_dimensions_and_additional_properties_in_the_body()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f, 0f], [0f, 1f]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);
        var options = new EmbeddingGenerationOptions
        {
            ModelId = "bge-m3",
            Dimensions = 2,
            AdditionalProperties = new() { ["user"] = "user-7", ["truncate_prompt_tokens"] = 512, ["input_type"] = "query" },
        };

        await generator.GenerateAsync(["first", "second"], options);

        Snapshot.Match(Assert.Single(server.Requests).Body);
    }

    [Theory]
    [InlineData(EmbeddingEncoding.Float, "float")]
    [InlineData(EmbeddingEncoding.Base64, "base64")]
    public async Task Asks_for_the_encoding_it_was_given(EmbeddingEncoding encoding, string expected)
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f]));
        using var generator = CreateGenerator(server, encoding);

        await generator.GenerateAsync(["a"]);

        Assert.Equal(expected, Field(server.Requests[0].Body, "encoding_format"));
    }

    [Fact]
    public async Task Leaves_encoding_format_out_when_it_has_none()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f]));
        using var generator = CreateGenerator(server, encoding: null);

        await generator.GenerateAsync(["a"]);

        Assert.Null(Field(server.Requests[0].Body, "encoding_format"));
    }

    [Fact]
    public async Task Sends_the_default_model_when_the_call_names_none()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        await generator.GenerateAsync(["a"]);

        Assert.Equal("default-model", Field(server.Requests[0].Body, "model"));
    }

    [Fact]
    public async Task Reads_base64_vectors()
    {
        await using var server = await ServeAsync($$"""{"data":[{"index":0,"embedding":"{{Base64(0.5f, -2f)}}"}]}""");
        using var generator = CreateGenerator(server, EmbeddingEncoding.Base64);

        var embeddings = await generator.GenerateAsync(["a"]);

        Assert.Equal([0.5f, -2f], embeddings[0].Vector.ToArray());
    }

    [Fact]
    public async Task Puts_embeddings_that_arrive_out_of_order_back_in_input_order()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([(2, [2f]), (0, [0f]), (1, [1f])]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var embeddings = await generator.GenerateAsync(["a", "b", "c"]);

        Assert.Equal([0f, 1f, 2f], embeddings.Select(e => e.Vector.Span[0]));
    }

    [Fact]
    public async Task Maps_usage()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([(0, [1f])], new { prompt_tokens = 4, total_tokens = 4 }));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var embeddings = await generator.GenerateAsync(["a"]);

        Assert.Equal((4L, null, 4L), (embeddings.Usage!.InputTokenCount, embeddings.Usage.OutputTokenCount, embeddings.Usage.TotalTokenCount));
    }

    [Fact]
    public async Task Takes_the_model_from_the_answer_or_else_from_the_request()
    {
        await using var server = await ServeAsync("""{"object":"list","data":[{"object":"embedding","embedding":[0.1],"index":0}],"usage":{"prompt_tokens":1,"total_tokens":1}}""");
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var embeddings = await generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { ModelId = "Alibaba-NLP/gte-large-en-v1.5" });

        Assert.Equal("Alibaba-NLP/gte-large-en-v1.5", embeddings[0].ModelId);
    }

    [Fact]
    public async Task Refuses_an_answer_with_the_wrong_number_of_vectors()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Equal("Loopback embeddings: The answer holds 1 embeddings for 2 inputs.", error.Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 2)]
    [InlineData(-1, 0)]
    public async Task Refuses_repeated_or_out_of_range_indices(int first, int second)
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([(first, [1f]), (second, [2f])]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.EndsWith("is out of range or repeated.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_vectors_of_inconsistent_dimensions()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f, 2f, 3f], [1f, 2f]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Equal("Loopback embeddings: Embedding 1 has 2 dimensions; the others have 3.", error.Message);
    }

    [Fact]
    public async Task Refuses_full_length_vectors_when_shorter_ones_were_asked_for()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f, 2f, 3f, 4f]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 2 }));

        Assert.Equal("Loopback embeddings: Embedding 0 has 4 dimensions; 2 were asked for (the service may not support 'dimensions').", error.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task Refuses_an_item_without_a_vector(string vector)
    {
        await using var server = await ServeAsync($$"""{"data":[{"index":0,"embedding":{{vector}}}]}""");
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal("Loopback embeddings: Embedding 0 has no vector.", error.Message);
    }

    [Fact]
    public async Task Refuses_an_answer_without_data()
    {
        await using var server = await ServeAsync("""{"object":"list"}""");
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal("Loopback embeddings: The answer has no 'data' array.", error.Message);
    }

    [Fact]
    public async Task Refuses_NaN_naming_the_dimension()
    {
        await using var server = await ServeAsync($$"""{"data":[{"index":0,"embedding":"{{Base64(0.5f, 1f, float.NaN)}}"}]}""");
        using var generator = CreateGenerator(server, EmbeddingEncoding.Base64);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.Contains("non-finite value (NaN) at dimension 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_HTML_page_served_with_200()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", () => Results.Text(
            "<html><head><title>Ray Dashboard</title></head></html>", "text/html")));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal("Loopback answered POST /v1/embeddings with an HTML page (Ray Dashboard) instead of an API error, not JSON.", error.Message);
    }

    [Fact]
    public async Task Refuses_malformed_JSON()
    {
        await using var server = await ServeAsync("""{"data":[{"index":0,"embedding":[0.1,""");
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));

        Assert.StartsWith("Loopback answered with malformed JSON:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sends_nothing_for_no_inputs()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response());
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var embeddings = await generator.GenerateAsync([]);

        Assert.Empty(embeddings);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Describes_itself_with_metadata_and_exposes_its_service_client()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response());
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>()!;

        Assert.Equal(("Loopback", server.BaseAddress, "default-model"), (metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId));
        Assert.NotNull(generator.GetService<ServiceHttpClient>());
        Assert.Null(generator.GetService(typeof(EmbeddingGeneratorMetadata), serviceKey: "other"));
    }

    [Fact]
    public async Task Refuses_a_null_input_naming_its_position_before_sending()
    {
        await using var server = await ServeAsync(EmbeddingsJson.Response([1f], [1f], [1f]));
        using var generator = CreateGenerator(server, EmbeddingEncoding.Float);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(["first", null!, "third"]));

        Assert.StartsWith("Input 1 is null; Loopback can only embed text.", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    private static Task<LoopbackServer> ServeAsync(string responseBody) =>
        LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", () => Results.Text(responseBody, "application/json")));

    private static OpenAICompatibleEmbeddingGenerator CreateGenerator(LoopbackServer server, EmbeddingEncoding? encoding) =>
        new(server.CreateClient(), "v1/embeddings", "default-model", encoding);

    private static string? Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }

    private static string Base64(params float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Errors;

/// <summary>Items 7, 9, 10 and 13 of issue 11, against loopback servers that misbehave the way real ones do.</summary>
public sealed class ProductionFaultTests
{
    private const string Key = "sk-marker-4f1d2c";

    [Theory]
    [InlineData("Retry-After", "1e12")]
    [InlineData("retry-after-ms", "1e300")]
    public async Task An_absurd_retry_delay_is_clamped_rather_than_overflowing(string header, string value)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", (HttpContext context) =>
        {
            context.Response.Headers[header] = value;
            return Results.Json(new { error = new { message = "slow down" } }, statusCode: 429);
        }));
        using var generator = new OpenAICompatibleEmbeddingGenerator(server.CreateClient(), "v1/embeddings", "m", encoding: null);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(RetryAfterParser.MaxDelay, error.RetryAfter);
    }

    [Fact]
    public async Task A_404_names_the_method_and_path_that_was_called_but_not_the_query()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "root"));
        using var client = server.CreateClient("SciBox");

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetJsonAsync("v1/v1/models?key=secret", LoopbackJsonContext.Default.LoopbackChunk));

        Assert.Equal("SciBox answered 404 (Not Found) to GET /v1/v1/models: no error message", error.Message);
        Assert.Equal("GET /v1/v1/models", error.Route);
        Assert.Contains(", GET /v1/v1/models", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://llm.example/v1", "https://llm.example/")]
    [InlineData("https://llm.example/v1/", "https://llm.example/")]
    [InlineData("https://llm.example/", "https://llm.example/")]
    [InlineData("https://llm.example/proxy/v1", "https://llm.example/proxy/")]
    [InlineData("https://llm.example/v10", "https://llm.example/v10/")]
    public void A_base_URL_works_with_or_without_the_version_segment_the_services_docs_show(string endpoint, string expected)
    {
        var options = new VersionedOptions { Endpoint = new Uri(endpoint) };

        Assert.Equal(new Uri(expected), options.GetBaseAddress());
    }

    [Fact]
    public async Task A_request_id_that_echoes_the_key_is_redacted_everywhere_it_is_printed()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", (HttpContext context) =>
        {
            context.Response.Headers["x-request-id"] = "req-" + context.Request.Headers.Authorization.ToString();
            return Results.Json(new { error = new { message = "bad" } }, statusCode: 400);
        }));
        using var generator = new OpenAICompatibleEmbeddingGenerator(server.CreateClient(authentication: ServiceAuthentication.Bearer(Key)), "v1/embeddings", "m", encoding: null);

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal("req-Bearer ***", error.RequestId);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batching_checks_every_input_before_the_first_batch_and_names_it_by_its_index_in_the_callers_list()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/embeddings", EmbeddingsJson.OnePerInputAsync));
        using var generator = new OpenAICompatibleEmbeddingGenerator(server.CreateClient(), "v1/embeddings", "m", encoding: null)
            .AsBuilder().UseBatching(o => { o.MaxBatchSize = 50; o.MaxConcurrency = 1; }).Build();
        var inputs = Enumerable.Range(0, 120).Select(i => i == 110 ? null! : $"text {i}").ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(inputs));

        Assert.StartsWith("Input 110 is null", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Batching_lets_a_callers_error_from_a_batch_through_unwrapped()
    {
        using var generator = new RefusingGenerator().AsBuilder().UseBatching(o => o.MaxBatchSize = 2).Build();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => generator.GenerateAsync(["a", "b", "c"]));

        Assert.Equal("dimensions", error.ParamName);
    }

    private sealed class VersionedOptions : ServiceClientOptions
    {
        protected override string? VersionSegment => "v1";
    }

    private sealed class RefusingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new ArgumentOutOfRangeException("dimensions", "The model has 1024 dimensions.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

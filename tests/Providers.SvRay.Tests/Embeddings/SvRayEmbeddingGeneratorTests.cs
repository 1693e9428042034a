using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SvRay.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.SvRay.Tests.Embeddings;

public sealed class SvRayEmbeddingGeneratorTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "embed-text/v1/embeddings";
    private readonly EmulatorFixture _fixture;

    public SvRayEmbeddingGeneratorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_default_model_and_the_texts_to_the_text_deployment()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        await generator.GenerateAsync(["Hello, world!", "Another sentence."]);

        var request = Assert.Single(_fixture.Requests);
        Assert.Equal("/embed-text/v1/embeddings", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Sends_no_credentials()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        await generator.GenerateAsync(["text"]);

        Assert.False(Assert.Single(_fixture.Requests).Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Returns_one_384_dimensional_vector_per_text_in_input_order()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        var together = await generator.GenerateAsync(["alpha", "beta", "gamma"]);
        var beta = await generator.GenerateVectorAsync("beta");

        Assert.Equal(3, together.Count);
        Assert.All(together, e => Assert.Equal(384, e.Vector.Length));
        Assert.Equal(beta.ToArray(), together[1].Vector.ToArray());
        Assert.Equal(SvRayEmbeddingOptions.DefaultModelId, together[0].ModelId);
    }

    [Fact]
    public async Task Reports_the_token_usage_the_deployment_counts()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync(["three words here"]);

        Assert.True(embeddings.Usage?.InputTokenCount > 0);
    }

    [Fact]
    public async Task Uses_the_model_a_call_names()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        var embeddings = await generator.GenerateAsync(["text"], new EmbeddingGenerationOptions { ModelId = "BAAI/bge-m3" });

        Assert.Contains("\"model\":\"BAAI/bge-m3\"", Assert.Single(_fixture.Requests).Body);
        Assert.Equal(1024, embeddings[0].Vector.Length);
    }

    [Fact]
    public async Task Reports_a_model_the_deployment_does_not_serve_as_a_400_with_the_servers_message()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>(o => o.ModelId = "no/such-model"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["text"]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("no/such-model", error.Message);
        Assert.Equal("SvRay", error.ServiceName);
        Assert.False(error.IsRetryable);
    }

    [Theory]
    [InlineData(422, false)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    public async Task Maps_an_error_status_to_a_provider_error_that_says_whether_to_retry(int status, bool retryable)
    {
        _fixture.Faults(Route).FailNext(1, status, body: "{\"detail\":\"the deployment says no\"}");
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["text"]));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(retryable, error.IsRetryable);
        Assert.Contains("the deployment says no", error.Message);
    }

    [Fact]
    public async Task Retries_a_503_through_the_retry_middleware_and_then_succeeds()
    {
        _fixture.Faults(Route).FailNext(2, 503, retryAfter: "0");
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>())
            .AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        var embeddings = await generator.GenerateAsync(["text"]);

        Assert.Single(embeddings);
        Assert.Equal(3, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Refuses_an_answer_with_the_wrong_number_of_vectors()
    {
        _fixture.Faults(Route).WrongVectorCount();
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a", "b"]));
    }

    [Fact]
    public async Task Refuses_an_answer_holding_NaN()
    {
        _fixture.Faults(Route).InjectNaN();
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public async Task Refuses_an_HTML_error_page_from_a_proxy()
    {
        _fixture.Faults(Route).HtmlErrorPage(502);
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        var error = await Assert.ThrowsAsync<ProviderException>(() => generator.GenerateAsync(["a"]));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
    }

    [Fact]
    public async Task Refuses_malformed_JSON()
    {
        _fixture.Faults(Route).MalformedJson();
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        await Assert.ThrowsAsync<InvalidResponseException>(() => generator.GenerateAsync(["a"]));
    }

    [Fact]
    public async Task Gives_up_after_the_configured_timeout_with_a_retryable_error()
    {
        _fixture.Faults(Route).Delay(TimeSpan.FromSeconds(10));
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>(o => o.Timeout = TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => generator.GenerateAsync(["a"]));

        Assert.True(error.IsRetryable);
        Assert.Contains("within", error.Message);
    }

    [Fact]
    public async Task Sends_batches_of_50_and_keeps_the_input_order_with_SvRay_batching()
    {
        var texts = Enumerable.Range(0, 120).Select(i => $"sentence {i}").ToList();
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>()).AsBuilder().UseSvRayBatching().Build();

        var embeddings = await generator.GenerateAsync(texts);
        var last = await generator.GenerateVectorAsync("sentence 119");

        Assert.Equal([50, 50, 20], _fixture.Requests.Take(3).Select(r => CountInputs(r.Body)).Order().Reverse());
        Assert.Equal(last.ToArray(), embeddings[119].Vector.ToArray());
    }

    [Fact]
    public void Describes_itself_with_the_provider_the_endpoint_and_the_default_model()
    {
        using var generator = new SvRayEmbeddingGenerator(_fixture.Options<SvRayEmbeddingOptions>());

        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.Equal("SvRay", metadata?.ProviderName);
        Assert.Equal(_fixture.Emulator.SvRayBaseUrl, metadata?.ProviderUri);
        Assert.Equal(SvRayEmbeddingOptions.DefaultModelId, metadata?.DefaultModelId);
        Assert.Equal(384, metadata?.DefaultModelDimensions);
    }

    [Fact]
    public void Refuses_options_without_an_endpoint_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new SvRayEmbeddingGenerator(new SvRayEmbeddingOptions()));

        Assert.Contains("SvRayEmbeddingOptions.Endpoint is required", error.Message);
    }

    [Fact]
    public void Defaults_to_the_reference_clients_60_second_timeout()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), new SvRayEmbeddingOptions().Timeout);
    }

    private static int CountInputs(string body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("input").GetArrayLength();
}

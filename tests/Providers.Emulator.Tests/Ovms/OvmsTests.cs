using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Providers.Emulator.Tests.Ovms;

public sealed class OvmsTests : EmulatorTest
{
    private const string Model = "Alibaba-NLP/gte-large-en-v1.5";

    [Theory]
    [InlineData("v3/embeddings")]
    [InlineData("v3/v1/embeddings")]
    public async Task Embeds_without_a_model_field_in_the_answer(string path)
    {
        using var client = Client(EmulatedService.Ovms);

        var (response, body) = await PostAsync(client, path, $$"""{"model":"{{Model}}","input":["hello world","bye"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body["model"]);
        Assert.Equal(1024, body["data"]![1]!["embedding"]!.AsArray().Count);
        Assert.True(body["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Embeds_as_base64_little_endian_floats()
    {
        using var client = Client(EmulatedService.Ovms);

        var (_, floats) = await PostAsync(client, "v3/embeddings", $$"""{"model":"{{Model}}","input":"hello"}""");
        var (_, base64) = await PostAsync(client, "v3/embeddings", $$"""{"model":"{{Model}}","input":"hello","encoding_format":"base64"}""");

        Assert.Equal(Vectors.Of(floats["data"]![0]!["embedding"]), Vectors.FromBase64(base64["data"]![0]!["embedding"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answers_404_when_the_body_is_not_sent_as_JSON()
    {
        using var client = Client(EmulatedService.Ovms);

        var response = await client.PostAsync("v3/embeddings", new StringContent($$"""{"model":"{{Model}}","input":"x"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"input":"x"}""", HttpStatusCode.PreconditionFailed, "model field is missing")]
    [InlineData("""{"model":"nope","input":"x"}""", HttpStatusCode.NotFound, "Mediapipe graph definition with requested name is not found")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","input":[]}""", HttpStatusCode.BadRequest, "input array should not be empty")]
    [InlineData("""{"model":"Alibaba-NLP/gte-large-en-v1.5","input":["a",[1,2]]}""", HttpStatusCode.BadRequest, "input must be homogeneous")]
    public async Task Answers_bad_requests_with_OVMS_errors(string json, HttpStatusCode status, string message)
    {
        using var client = Client(EmulatedService.Ovms);

        var (response, body) = await PostAsync(client, "v3/embeddings", json);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_an_input_longer_than_the_model_allows()
    {
        using var client = Client(EmulatedService.Ovms);
        var longText = string.Join(' ', Enumerable.Repeat("word", 1100));

        var (response, body) = await PostAsync(client, "v3/embeddings", $$"""{"model":"{{Model}}","input":"{{longText}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Input length 1100 longer than allowed 1024", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeds_pre_tokenised_input()
    {
        using var client = Client(EmulatedService.Ovms);

        var (_, body) = await PostAsync(client, "v3/embeddings", $$"""{"model":"{{Model}}","input":[[101,7592],[101,2088]]}""");

        Assert.Equal(2, body["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Reports_models_available_and_ready()
    {
        using var client = Client(EmulatedService.Ovms);

        var config = await ReadJsonAsync(await client.GetAsync("v1/config"));
        var ready = await client.GetAsync("v2/health/ready");
        var modelReady = await client.GetAsync($"v2/models/{Model}/ready");
        var unknownReady = await client.GetAsync("v2/models/unknown/ready");

        Assert.Equal("AVAILABLE", config[Model]!["model_version_status"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, modelReady.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownReady.StatusCode);
    }

    [Fact]
    public async Task Lists_models_owned_by_OVMS()
    {
        using var client = Client(EmulatedService.Ovms);

        var body = await ReadJsonAsync(await client.GetAsync("v3/models"));

        Assert.Contains(body["data"]!.AsArray(), m => m!["id"]!.GetValue<string>() == Model && m["owned_by"]!.GetValue<string>() == "OVMS");
    }

    [Fact]
    public async Task Reranks_documents_best_first()
    {
        using var client = Client(EmulatedService.Ovms);

        var (_, body) = await PostAsync(client, "v3/rerank", """
            {"model":"BAAI/bge-reranker-large","query":"solar panels","documents":["wind farms","cheap solar panels for homes","solar power"],"top_n":2}
            """);
        var results = body["results"]!.AsArray();

        Assert.Equal(2, results.Count);
        Assert.Equal(1, results[0]!["index"]!.GetValue<int>());
        Assert.Equal("cheap solar panels for homes", results[0]!["document"]!["text"]!.GetValue<string>());
        Assert.True(results[0]!["relevance_score"]!.GetValue<double>() >= results[1]!["relevance_score"]!.GetValue<double>());
    }
}

public sealed class OvmsLoadingTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { OvmsLoadingTime = TimeSpan.FromHours(1) };

    [Fact]
    public async Task Reports_LOADING_and_not_ready_until_the_loading_time_has_passed()
    {
        using var client = Client(EmulatedService.Ovms);

        var config = await ReadJsonAsync(await client.GetAsync("v1/config"));
        var ready = await client.GetAsync("v2/health/ready");
        var embed = await client.PostAsync("v3/embeddings", Json("""{"model":"Alibaba-NLP/gte-large-en-v1.5","input":"x"}"""));

        Assert.Equal("LOADING", config["Alibaba-NLP/gte-large-en-v1.5"]!["model_version_status"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, embed.StatusCode);
    }
}

public sealed class OvmsApiKeyTests : EmulatorTest
{
    protected override EmulatorOptions CreateOptions() => new() { OvmsApiKey = "ovms-secret" };

    [Fact]
    public async Task Answers_a_missing_api_key_with_OVMSs_500()
    {
        using var client = Client(EmulatedService.Ovms);

        var (response, body) = await PostAsync(client, "v3/embeddings", """{"model":"Alibaba-NLP/gte-large-en-v1.5","input":"x"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Unauthorized request due to invalid or missing api-key", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Serves_a_request_with_the_right_api_key()
    {
        using var client = Client(EmulatedService.Ovms, "Bearer ovms-secret");

        var response = await client.PostAsync("v3/embeddings", Json("""{"model":"Alibaba-NLP/gte-large-en-v1.5","input":"x"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

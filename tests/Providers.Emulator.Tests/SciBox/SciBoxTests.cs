using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Providers.Emulator.Tests.SciBox;

public sealed class SciBoxTests : EmulatorTest
{
    private const string ChatModel = "Qwen2.5-72B-Instruct-AWQ";

    [Fact]
    public async Task Lists_models_in_the_LiteLLM_shape()
    {
        using var client = Client(EmulatedService.SciBox);

        var body = await ReadJsonAsync(await client.GetAsync("v1/models"));

        Assert.Equal("list", body["object"]!.GetValue<string>());
        var bge = body["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "bge-m3")!;
        Assert.Equal(1677610602, bge["created"]!.GetValue<long>());
        Assert.Equal("openai", bge["owned_by"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task Refuses_a_missing_or_wrong_token_with_LiteLLMs_401(string? authorization)
    {
        using var client = Client(EmulatedService.SciBox, authorization);

        var response = await client.GetAsync("v1/models");
        var error = (await ReadJsonAsync(response))["error"]!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth_error", error["type"]!.GetValue<string>());
        Assert.Equal("401", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_with_the_context_sentence_that_overlaps_the_question()
    {
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/chat/completions", $$"""
            {"model":"{{ChatModel}}","messages":[
              {"role":"system","content":"Berlin is the capital of Germany. Paris is the capital of France."},
              {"role":"user","content":"What is the capital of France?"}]}
            """);

        Assert.Equal("Paris is the capital of France.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("stop", body["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Says_so_when_nothing_in_the_context_overlaps_the_question()
    {
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/chat/completions", $$"""
            {"model":"{{ChatModel}}","messages":[{"role":"system","content":"Cats purr."},{"role":"user","content":"How tall is Everest?"}]}
            """);

        Assert.Contains("could not find", body["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How does a dancing bee signal how far away the flowers are?", "The duration of the waggle run encodes the distance, roughly one second for each kilometre.")]
    [InlineData("How high is Mount Etna?", "It stands about 3,300 metres high.")]
    public async Task Answers_a_question_asking_for_a_quantity_with_the_sentence_that_states_one(string question, string expected)
    {
        using var client = Client(EmulatedService.SciBox);
        const string context = "Honey bees tell their nest mates where food is with the waggle dance. The duration of the waggle run encodes the distance, roughly one second for each kilometre. "
            + "Bees that follow the dance also learn the scent of the flowers from the dancer's body. Mount Etna on the east coast of Sicily is the most active volcano in Europe. "
            + "It stands about 3,300 metres high.";

        var (_, body) = await PostAsync(client, "v1/chat/completions", JsonSerializer.Serialize(new
        {
            model = ChatModel,
            messages = new[] { new { role = "system", content = context }, new { role = "user", content = question } },
        }));

        Assert.Equal(expected, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_citation_tag_is_not_a_quantity()
    {
        using var client = Client(EmulatedService.SciBox);
        const string context = "[1] The waggle dance tells bees where the flowers are.\n[1] The duration of the waggle run encodes the distance, roughly one second for each kilometre.";

        var (_, body) = await PostAsync(client, "v1/chat/completions", JsonSerializer.Serialize(new
        {
            model = ChatModel,
            messages = new[] { new { role = "system", content = context }, new { role = "user", content = "How does a dancing bee signal how far away the flowers are?" } },
        }));

        Assert.Equal("[1] The duration of the waggle run encodes the distance, roughly one second for each kilometre.", body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Does_not_answer_a_quantity_question_with_an_unrelated_number()
    {
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/chat/completions", $$"""
            {"model":"{{ChatModel}}","messages":[{"role":"system","content":"There are 3 cats."},{"role":"user","content":"How tall is Everest?"}]}
            """);

        Assert.Contains("could not find", body["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_chunks_without_null_fields_ending_with_DONE()
    {
        using var client = Client(EmulatedService.SciBox);

        var response = await client.PostAsync("v1/chat/completions", Json($$"""
            {"model":"{{ChatModel}}","stream":true,"messages":[{"role":"user","content":"Rain is wet. Is rain wet?"}]}
            """));
        var frames = await ReadSseAsync(response);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[DONE]", frames[^1].GetValue<string>());
        Assert.DoesNotContain("null", string.Concat(frames.Select(f => f.ToJsonString())), StringComparison.Ordinal);
        var text = string.Concat(frames.SkipLast(1).Select(f => f["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.Equal("Rain is wet.", text);
    }

    [Fact]
    public async Task Usage_chunk_carries_an_empty_delta_choice_as_LiteLLM_does()
    {
        using var client = Client(EmulatedService.SciBox);

        var response = await client.PostAsync("v1/chat/completions", Json($$"""
            {"model":"{{ChatModel}}","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hello?"}]}
            """));
        var usageChunk = (await ReadSseAsync(response))[^2];

        Assert.True(usageChunk["usage"]!["total_tokens"]!.GetValue<int>() > 0);
        Assert.Equal("""[{"index":0,"delta":{}}]""", usageChunk["choices"]!.ToJsonString());
    }

    [Fact]
    public async Task Calls_an_offered_tool_when_the_user_asks_for_it()
    {
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/chat/completions", """
            {"model":"Qwen2.5-72B-Instruct-AWQ","messages":[{"role":"user","content":"Use the tool get_weather with city=Paris, days: 3"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
               "properties":{"city":{"type":"string"},"days":{"type":"integer"}}}}}]}
            """);
        var choice = body["choices"]![0]!;
        var call = choice["message"]!["tool_calls"]![0]!;

        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"city":"Paris","days":3}""", call["function"]!["arguments"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_an_unknown_chat_model_with_a_LiteLLM_400_and_a_string_code()
    {
        using var client = Client(EmulatedService.SciBox);

        var (response, body) = await PostAsync(client, "v1/chat/completions", """{"model":"gpt-9","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("400", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("None", body["error"]!["param"]!.GetValue<string>());
        Assert.StartsWith("litellm.BadRequestError: Invalid model name", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeds_the_same_vectors_as_floats_and_as_base64()
    {
        using var client = Client(EmulatedService.SciBox);

        var (_, floats) = await PostAsync(client, "v1/embeddings", """{"model":"bge-m3","input":["alpha","beta"],"encoding_format":"float"}""");
        var (_, base64) = await PostAsync(client, "v1/embeddings", """{"model":"bge-m3","input":["alpha","beta"],"encoding_format":"base64"}""");

        for (var i = 0; i < 2; i++)
        {
            var fromFloats = Vectors.Of(floats["data"]![i]!["embedding"]);
            Assert.Equal(1024, fromFloats.Length);
            Assert.Equal(fromFloats, Vectors.FromBase64(base64["data"]![i]!["embedding"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Texts_sharing_words_embed_closer_than_unrelated_texts()
    {
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/embeddings", """
            {"model":"bge-m3","input":["the cat sat on the mat","a cat on a mat","stock markets fell sharply"]}
            """);
        var v = body["data"]!.AsArray().Select(d => Vectors.Of(d!["embedding"])).ToList();

        Assert.InRange(Vectors.Norm(v[0]), 0.999, 1.001);
        Assert.True(Vectors.Cosine(v[0], v[1]) > Vectors.Cosine(v[0], v[2]) + 0.3);
    }

    [Theory]
    [InlineData("models")]
    [InlineData("v1/models")]
    public async Task Serves_each_route_with_and_without_v1(string path)
    {
        using var client = Client(EmulatedService.SciBox);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sends_LiteLLM_and_rate_limit_headers()
    {
        using var client = Client(EmulatedService.SciBox);

        var response = await client.GetAsync("v1/models");

        AssertLiteLlmHeaders(response);
    }

    [Fact]
    public async Task Sends_LiteLLM_and_rate_limit_headers_with_an_injected_failure()
    {
        Emulator.Faults.For(EmulatedService.SciBox, "v1/chat/completions").FailNext(1, 429, retryAfter: "1.5");
        using var client = Client(EmulatedService.SciBox);

        var response = await client.PostAsync("v1/chat/completions", Json($$"""{"model":"{{ChatModel}}","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1.5", response.Headers.GetValues("Retry-After").Single());
        AssertLiteLlmHeaders(response);
    }

    [Fact]
    public async Task Sends_LiteLLM_headers_and_the_buckets_counts_when_rate_limited()
    {
        Emulator.Faults.For(EmulatedService.SciBox).RateLimit(capacity: 1, refillPerSecond: 0.01);
        using var client = Client(EmulatedService.SciBox);

        await client.GetAsync("v1/models");
        var limited = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertLiteLlmHeaders(limited);
        Assert.Equal("1", limited.Headers.GetValues("x-ratelimit-limit-requests").Single());
        Assert.Equal("0", limited.Headers.GetValues("x-ratelimit-remaining-requests").Single());
    }

    [Fact]
    public async Task Refuses_an_empty_embeddings_input_with_a_400()
    {
        using var client = Client(EmulatedService.SciBox);

        var (response, body) = await PostAsync(client, "v1/embeddings", """{"model":"bge-m3","input":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("400", body["error"]!["code"]!.GetValue<string>());
    }

    private static void AssertLiteLlmHeaders(HttpResponseMessage response)
    {
        foreach (var header in (string[])["x-litellm-call-id", "x-litellm-response-cost", "x-litellm-response-duration-ms",
                     "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-limit-requests", "x-ratelimit-reset-requests"])
        {
            Assert.True(response.Headers.Contains(header), $"missing {header}");
        }
    }
}

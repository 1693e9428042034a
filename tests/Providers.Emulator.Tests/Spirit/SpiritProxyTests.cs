using System.Net;
using System.Text.Json.Nodes;

namespace Providers.Emulator.Tests.Spirit;

public sealed class SpiritProxyTests : EmulatorTest
{
    [Fact]
    public async Task Refuses_a_bearer_token_in_proxy_mode()
    {
        using var client = Client(EmulatedService.Spirit);

        var response = await client.GetAsync("api/tags");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Lists_the_workers_models_as_Ollama_tags()
    {
        using var client = SpiritProxyClient();

        var body = await ReadJsonAsync(await client.GetAsync("api/tags"));

        Assert.Contains(body["models"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "llama3.2:latest");
    }

    [Fact]
    public async Task Streams_an_Ollama_chat_as_NDJSON_ending_with_done()
    {
        using var client = SpiritProxyClient();

        var response = await client.PostAsync("api/chat", Json("""{"model":"llama3.2","messages":[{"role":"user","content":"Bees make honey. What do bees make?"}]}"""));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.All(lines.SkipLast(1), l => Assert.False(l["done"]!.GetValue<bool>()));
        Assert.True(lines[^1]["done"]!.GetValue<bool>());
        Assert.Equal("stop", lines[^1]["done_reason"]!.GetValue<string>());
        Assert.Equal("Bees make honey.", string.Concat(lines.Select(l => l["message"]!["content"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Answers_an_Ollama_chat_whole_when_stream_is_false()
    {
        using var client = SpiritProxyClient();

        var (_, body) = await PostAsync(client, "api/chat", """{"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"Bees make honey. What do bees make?"}]}""");

        Assert.True(body["done"]!.GetValue<bool>());
        Assert.Equal("Bees make honey.", body["message"]!["content"]!.GetValue<string>());
        Assert.True(body["eval_count"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Returns_Ollama_tool_calls_with_object_arguments()
    {
        using var client = SpiritProxyClient();

        var (_, body) = await PostAsync(client, "api/chat", """
            {"model":"llama3.2","stream":false,"messages":[{"role":"user","content":"call lookup with id=7"}],
             "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{"id":{"type":"integer"}}}}}]}
            """);

        Assert.Equal("""{"id":7}""", body["message"]!["tool_calls"]![0]!["function"]!["arguments"]!.ToJsonString());
    }

    [Fact]
    public async Task Generates_from_a_prompt()
    {
        using var client = SpiritProxyClient();

        var (_, body) = await PostAsync(client, "api/generate", """{"model":"llama3.2","stream":false,"system":"Snow is cold.","prompt":"Is snow cold?"}""");

        Assert.Equal("Snow is cold.", body["response"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeds_with_the_Ollama_embed_api()
    {
        using var client = SpiritProxyClient();

        var (_, body) = await PostAsync(client, "api/embed", """{"model":"nomic-embed-text","input":["a","b"]}""");

        Assert.Equal(2, body["embeddings"]!.AsArray().Count);
        Assert.Equal(768, body["embeddings"]![0]!.AsArray().Count);
    }

    [Fact]
    public async Task Answers_an_unknown_Ollama_model_with_404()
    {
        using var client = SpiritProxyClient();

        var (response, body) = await PostAsync(client, "api/chat", """{"model":"mistral","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model \"mistral\" not found, try pulling it first", body["error"]!.GetValue<string>());
    }
}

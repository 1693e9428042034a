using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Providers.Core.OpenAI;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.OpenAI;

/// <summary>Items 3 and 4 of issue 11: what an OpenAI-style chat request carries for stream_options and reasoning effort.</summary>
public sealed class OpenAIChatRequestTests
{
    private const string Completion = """{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}""";
    private const string Stream = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    [Fact]
    public async Task Merges_the_callers_stream_options_with_its_own_include_usage()
    {
        await using var server = await ServeAsync();
        using var client = CreateClient(server);
        var options = new ChatOptions { AdditionalProperties = new() { ["stream_options"] = new Dictionary<string, object> { ["include_usage"] = true, ["continuous_usage_stats"] = true } } };

        await client.GetStreamingResponseAsync("hi", options).ToListAsync();

        var sent = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal("""{"include_usage":true,"continuous_usage_stats":true}""", sent["stream_options"]!.ToJsonString());
    }

    [Fact]
    public async Task Refuses_stream_options_that_turn_usage_off_saying_which_field_contradicts()
    {
        await using var server = await ServeAsync();
        using var client = CreateClient(server);
        var options = new ChatOptions { AdditionalProperties = new() { ["stream_options"] = JsonSerializer.SerializeToElement(new { include_usage = false }) } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetStreamingResponseAsync("hi", options).ToListAsync().AsTask());

        Assert.StartsWith("AdditionalProperties['stream_options'] sets include_usage to false, but the Loopback chat client always asks for usage", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Leaves_stream_options_out_of_a_call_that_does_not_stream()
    {
        await using var server = await ServeAsync();
        using var client = CreateClient(server);
        var options = new ChatOptions { AdditionalProperties = new() { ["stream_options"] = new { include_usage = true }, ["top_k"] = 5 } };

        await client.GetResponseAsync("hi", options);

        var sent = JsonNode.Parse(Assert.Single(server.Requests).Body)!.AsObject();
        Assert.False(sent.ContainsKey("stream_options"));
        Assert.Equal(5, sent["top_k"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(ReasoningEffort.Low, "low")]
    [InlineData(ReasoningEffort.Medium, "medium")]
    [InlineData(ReasoningEffort.High, "high")]
    [InlineData(ReasoningEffort.ExtraHigh, "high")]
    public async Task Sends_only_the_reasoning_efforts_vLLM_accepts(ReasoningEffort effort, string expected)
    {
        await using var server = await ServeAsync();
        using var client = CreateClient(server);

        await client.GetResponseAsync("hi", new ChatOptions { Reasoning = new() { Effort = effort } });

        Assert.Equal(expected, JsonNode.Parse(Assert.Single(server.Requests).Body)!["reasoning_effort"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_reasoning_effort_None_before_sending_naming_the_accepted_values()
    {
        await using var server = await ServeAsync();
        using var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("hi", new ChatOptions { Reasoning = new() { Effort = ReasoningEffort.None } }));

        Assert.Contains("accepts low, medium or high", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    private static Task<LoopbackServer> ServeAsync() => LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", async (HttpRequest request) =>
    {
        var body = await JsonNode.ParseAsync(request.Body);
        return body!["stream"]?.GetValue<bool>() is true ? Results.Text(Stream, "text/event-stream") : Results.Text(Completion, "application/json");
    }));

    private static OpenAICompatibleChatClient CreateClient(LoopbackServer server) => new(server.CreateClient(), "v1/chat/completions", "m");
}

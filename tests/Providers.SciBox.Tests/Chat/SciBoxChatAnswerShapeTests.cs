using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SciBox.Tests.Chat;

/// <summary>
/// Answer shapes the stand-in model does not produce but OpenAI-style servers do, replayed verbatim by the emulator:
/// both reasoning fields at once, repeated usage, interleaved tool-call fragments, broken arguments.
/// </summary>
public sealed class SciBoxChatAnswerShapeTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "v1/chat/completions";

    private readonly EmulatorFixture _fixture;

    public SciBoxChatAnswerShapeTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Takes_reasoning_once_when_a_vLLM_in_transition_sends_both_fields()
    {
        Answer("""{"id":"c1","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Blue.","reasoning":"Think.","reasoning_content":"Think."},"finish_reason":"stop"}]}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetResponseAsync("Why?");

        Assert.Equal("Think.", Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal("Blue.", response.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), response.CreatedAt);
    }

    [Fact]
    public async Task Streams_reasoning_once_when_deltas_carry_both_fields()
    {
        Stream(
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","reasoning":"Th","reasoning_content":"Th"}}]}""",
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"reasoning":"ink.","reasoning_content":"ink."}}]}""",
            """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":"Blue."},"finish_reason":"stop"}]}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetStreamingResponseAsync("Why?").ToChatResponseAsync();

        Assert.Equal("Think.", string.Concat(response.Messages[0].Contents.OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal("Blue.", response.Text);
    }

    [Fact]
    public async Task Counts_usage_once_when_every_chunk_repeats_it()
    {
        Stream(
            """{"id":"c1","choices":[{"index":0,"delta":{"content":"A"}}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""",
            """{"id":"c1","choices":[{"index":0,"delta":{"content":"B"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7,"completion_tokens_details":{"reasoning_tokens":0},"prompt_tokens_details":{"cached_tokens":3}}}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetStreamingResponseAsync("Hi?").ToChatResponseAsync();

        Assert.Equal(5, response.Usage?.InputTokenCount);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
        Assert.Equal(7, response.Usage?.TotalTokenCount);
        Assert.Equal(3, response.Usage?.CachedInputTokenCount);
    }

    [Fact]
    public async Task Assembles_two_interleaved_tool_calls_by_index()
    {
        Stream(
            """{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"first","arguments":""}},{"index":1,"id":"call_b","type":"function","function":{"name":"second","arguments":"{\"x\":"}}]}}]}""",
            """{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"y\":2}"}},{"index":1,"function":{"arguments":"1}"}}]}}]}""",
            """{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var updates = await client.GetStreamingResponseAsync("Go?").ToListAsync();

        var calls = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["call_a", "call_b"], calls.Select(c => c.CallId));
        Assert.Equal(["first", "second"], calls.Select(c => c.Name));
        Assert.Equal("2", calls[0].Arguments!["y"]!.ToString());
        Assert.Equal("1", calls[1].Arguments!["x"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, updates.Single(u => u.Contents.OfType<FunctionCallContent>().Any()).FinishReason);
    }

    [Fact]
    public async Task Hands_arguments_that_are_not_JSON_back_as_the_calls_exception()
    {
        Answer("""{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"f","arguments":"{not json"}}]},"finish_reason":"tool_calls"}]}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetResponseAsync("Go?");

        var call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("f", call.Name);
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public async Task Refuses_an_answer_without_choices()
    {
        Answer("""{"id":"c1","object":"chat.completion","choices":[]}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetResponseAsync("Hi?"));

        Assert.Contains("no choices[0].message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_stream_frame_that_is_not_JSON()
    {
        Stream("""{"id":"c1","choices":[{"index":0,"delta":{"content":"A"}}]}""", "{not json");
        using var client = new SciBoxChatClient(_fixture.Options);

        await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetStreamingResponseAsync("Hi?").ToListAsync().AsTask());
    }

    private void Answer(string json) => _fixture.Faults(Route).FailNext(1, 200, body: json);

    private void Stream(params string[] chunks) =>
        _fixture.Faults(Route).FailNext(1, 200, body: string.Concat(chunks.Select(c => $"data: {c}\n\n")) + "data: [DONE]\n\n");
}

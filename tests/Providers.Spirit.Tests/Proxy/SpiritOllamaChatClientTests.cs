using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Providers.Core;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>The Ollama API (<c>/api/chat</c>, NDJSON) through Spirit-GPU's proxy mode.</summary>
public sealed class SpiritOllamaChatClientTests : IClassFixture<ProxyEmulatorFixture>
{
    private const string Route = "api/chat";
    private const string Answer = "The sky is blue because of Rayleigh scattering.";
    private const string RedPixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    private static readonly ChatMessage[] Question = [new(ChatRole.System, Answer), new(ChatRole.User, "Why is the sky blue?")];

    private readonly ProxyEmulatorFixture _fixture;

    public SpiritOllamaChatClientTests(ProxyEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_options_format_thinking_and_extras_where_Ollama_expects_them()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());

        await client.GetResponseAsync(Question, new ChatOptions
        {
            Temperature = 0.3f,
            TopP = 0.8f,
            TopK = 20,
            MaxOutputTokens = 100,
            StopSequences = ["\n"],
            Seed = 7,
            FrequencyPenalty = 0.5f,
            PresencePenalty = 0.25f,
            ResponseFormat = ChatResponseFormat.Json,
            Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium },
            AdditionalProperties = new() { ["num_ctx"] = 8192, ["keep_alive"] = "10m" },
        });

        Assert.Equal("/api/chat", _fixture.Requests.Single().Path);
        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_images_as_plain_base64_beside_the_text()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(Convert.FromBase64String(RedPixelPng), "image/png")]);

        await client.GetResponseAsync([message]);

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Answers_with_text_usage_finish_reason_and_model()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());

        var response = await client.GetResponseAsync(Question);

        Assert.Equal(Answer, response.Text);
        Assert.Equal("llama3.2", response.ModelId);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.NotNull(response.CreatedAt);
        Assert.True(response.Usage?.InputTokenCount > 0);
        Assert.True(response.Usage?.OutputTokenCount > 0);
        Assert.Equal(response.Usage!.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Streams_NDJSON_lines_into_one_answer_with_usage_once()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());
        var whole = await client.GetResponseAsync(Question);

        var updates = await client.GetStreamingResponseAsync(Question).ToListAsync();

        Assert.True(updates.Count > 3);
        Assert.Equal(Answer, string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal(updates[0].ResponseId, u.ResponseId));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(whole.Usage!.OutputTokenCount, usage.OutputTokenCount);
        Assert.Contains("\"stream\":true", _fixture.Requests[^1].Body, StringComparison.Ordinal);
        Assert.Contains("\"stream\":false", _fixture.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_a_stream_that_ends_before_its_done_line()
    {
        _fixture.Faults(Route).TruncateStreamAfter(3);
        using var client = new SpiritOllamaChatClient(_fixture.Options());

        var error = await Assert.ThrowsAsync<StreamTruncatedException>(() => client.GetStreamingResponseAsync(Question).ToListAsync().AsTask());

        Assert.Contains("after 3 line(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_an_error_line_that_arrives_mid_stream()
    {
        _fixture.Faults(Route).ErrorFrameAfter(2);
        using var client = new SpiritOllamaChatClient(_fixture.Options());
        var received = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                received.Add(update);
            }
        });

        Assert.Equal(2, received.Count);
        Assert.IsNotType<StreamTruncatedException>(error);
        Assert.Contains("mid-answer", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Completes_a_tool_call_round_trip_through_FunctionInvokingChatClient(bool streaming)
    {
        var cities = new List<string>();
        var tool = AIFunctionFactory.Create((string city) =>
        {
            cities.Add(city);
            return $"The weather in {city} is sunny and warm.";
        }, "get_weather");
        using var client = new SpiritOllamaChatClient(_fixture.Options()).AsBuilder().UseFunctionInvocation().Build();
        const string Prompt = "Use the tool get_weather with city=Paris, then tell me: what is the weather in Paris?";
        var options = new ChatOptions { Tools = [tool] };

        var response = streaming
            ? await client.GetStreamingResponseAsync(Prompt, options).ToChatResponseAsync()
            : await client.GetResponseAsync(Prompt, options);

        Assert.Equal(["Paris"], cities);
        Assert.Equal("The weather in Paris is sunny and warm.", response.Messages[^1].Text);
        var messages = JsonDocument.Parse(_fixture.Requests[^1].Body).RootElement.GetProperty("messages");
        var call = messages[1].GetProperty("tool_calls")[0].GetProperty("function");
        Assert.Equal("Paris", call.GetProperty("arguments").GetProperty("city").GetString());
        Assert.Equal("tool", messages[2].GetProperty("role").GetString());
        Assert.Equal("get_weather", messages[2].GetProperty("tool_name").GetString());
        Assert.Equal("The weather in Paris is sunny and warm.", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Refuses_an_image_link_before_sending()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());
        var message = new ChatMessage(ChatRole.User, [new TextContent("Describe."), new UriContent("http://127.0.0.1:9/cat.png", "image/png")]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([message]));

        Assert.Contains("image bytes only", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_to_require_a_tool_call_Ollama_cannot_force()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync("Hi?", new ChatOptions
        {
            Tools = [AIFunctionFactory.Create(() => "x", "noop")],
            ToolMode = ChatToolMode.RequireAny,
        }));

        Assert.Contains("cannot require a tool call", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Raises_Ollamas_error_for_a_model_the_worker_has_not_pulled()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Question, new ChatOptions { ModelId = "mistral" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("model \"mistral\" not found, try pulling it first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_raises_401()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options(apiKey: "wrong"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetStreamingResponseAsync(Question).ToListAsync().AsTask());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public void Describes_itself_through_metadata()
    {
        using var client = new SpiritOllamaChatClient(_fixture.Options());

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("Spirit-GPU", metadata?.ProviderName);
        Assert.Equal("llama3.2", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<IChatClient>());
    }
}

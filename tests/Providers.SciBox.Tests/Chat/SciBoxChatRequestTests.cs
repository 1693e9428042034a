using System.Text.Json;
using Microsoft.Extensions.AI;
using Snapshooter.Xunit;

namespace Providers.SciBox.Tests.Chat;

/// <summary>The exact body sent for each feature, pinned by snapshots.</summary>
public sealed class SciBoxChatRequestTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SciBoxChatRequestTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_the_seed_request_with_the_default_model()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        await client.GetResponseAsync(
            [new(ChatRole.System, "Ты дружелюбный помощник"), new(ChatRole.User, "Расскажи анекдот")],
            new ChatOptions { Temperature = 0.7f, TopP = 0.9f, MaxOutputTokens = 256 });

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_every_sampling_option()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        await client.GetResponseAsync("Hello?", new ChatOptions
        {
            Temperature = 0.2f,
            TopP = 0.5f,
            TopK = 40,
            MaxOutputTokens = 64,
            StopSequences = ["\n\n", "END"],
            FrequencyPenalty = 0.1f,
            PresencePenalty = -0.3f,
            Seed = 42,
        });

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_roles_system_user_assistant_and_tool_with_instructions_first()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        List<ChatMessage> history =
        [
            new(ChatRole.System, "Answer briefly."),
            new(ChatRole.User, "What is the time in Paris?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_time", new Dictionary<string, object?> { ["city"] = "Paris" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "It is noon in Paris.")]),
            new(ChatRole.Assistant, "It is noon."),
            new(ChatRole.User, "Thanks?") { AuthorName = "alice" },
        ];

        await client.GetResponseAsync(history, new ChatOptions { Instructions = "You are terse." });

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_json_object_response_format()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        await client.GetResponseAsync("Give me JSON?", new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_json_schema_response_format()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}""").RootElement;

        await client.GetResponseAsync("Name a city?", new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "city", "A city."),
        });

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_tools_and_a_specific_tool_choice()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        var tool = AIFunctionFactory.Create((string city, int days) => $"{city}: sunny for {days} days", "get_forecast", "Gets the forecast.");

        await client.GetResponseAsync("What is the forecast?", new ChatOptions
        {
            Tools = [tool],
            ToolMode = ChatToolMode.RequireSpecific("get_forecast"),
            AllowMultipleToolCalls = false,
        });

        Snapshot.Match(_fixture.LastBody());
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("none")]
    [InlineData("required")]
    public async Task Sends_the_tool_choice_by_name(string choice)
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        ChatToolMode mode = choice switch { "auto" => ChatToolMode.Auto, "none" => ChatToolMode.None, _ => ChatToolMode.RequireAny };

        await client.GetResponseAsync("Hello?", new ChatOptions { Tools = [AIFunctionFactory.Create(() => "x", "noop")], ToolMode = mode });

        Assert.Equal(choice, (string?)_fixture.LastBody()["tool_choice"]);
    }

    [Fact]
    public async Task Sends_reasoning_effort()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        await client.GetResponseAsync("Hello?", new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } });

        Assert.Equal("low", (string?)_fixture.LastBody()["reasoning_effort"]);
    }

    [Fact]
    public async Task Passes_additional_properties_through_to_the_body()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        await client.GetResponseAsync("Hello?", new ChatOptions
        {
            AdditionalProperties = new() { ["repetition_penalty"] = 1.1, ["min_p"] = 0.05, ["chat_template_kwargs"] = new Dictionary<string, object> { ["enable_thinking"] = false } },
        });

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Streams_with_usage_requested()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        await client.GetStreamingResponseAsync("Hello?").ToChatResponseAsync();

        Snapshot.Match(_fixture.LastBody());
    }

    [Fact]
    public async Task Sends_a_model_named_in_the_options()
    {
        _fixture.Emulator.Options.SciBoxChatModels = ["Qwen2.5-72B-Instruct-AWQ", "other-model"];
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetResponseAsync("Hello?", new ChatOptions { ModelId = "other-model" });

        Assert.Equal("other-model", (string?)_fixture.LastBody()["model"]);
        Assert.Equal("other-model", response.ModelId);
    }

    [Fact]
    public async Task Refuses_an_additional_property_that_repeats_an_option()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync("Hello?", new ChatOptions
        {
            Temperature = 0.5f,
            AdditionalProperties = new() { ["temperature"] = 0.9 },
        }));

        Assert.Contains("'temperature'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_audio_before_sending_anything()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Transcribe this."), new DataContent(new byte[] { 1, 2, 3 }, "audio/wav")]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([message]));

        Assert.Contains("audio/wav", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_a_hosted_tool_before_sending_anything()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync("Search?", new ChatOptions { Tools = [new HostedWebSearchTool()] }));

        Assert.Contains("not a function", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }
}

using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.SciBox.Tests.Chat;

public sealed class SciBoxToolCallingTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public SciBoxToolCallingTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Returns_the_call_the_model_asks_for_with_typed_arguments()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        var tool = AIFunctionFactory.Create((string city, int days) => "unused", "get_forecast");

        var response = await client.GetResponseAsync("Use the tool get_forecast with city=Paris, days=3 please", new ChatOptions { Tools = [tool] });

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_forecast", call.Name);
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(3, ((JsonElement)call.Arguments["days"]!).GetInt32());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task Assembles_streamed_tool_call_fragments_into_one_call()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        var tool = AIFunctionFactory.Create((string city, int days) => "unused", "get_forecast");

        var updates = await client.GetStreamingResponseAsync("Use the tool get_forecast with city=Paris, days=3 please", new ChatOptions { Tools = [tool] }).ToListAsync();

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_forecast", call.Name);
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, updates.Last(u => u.FinishReason is not null).FinishReason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Completes_a_round_trip_through_FunctionInvokingChatClient(bool streaming)
    {
        var invocations = new List<string>();
        var tool = AIFunctionFactory.Create((string city) =>
        {
            invocations.Add(city);
            return $"The weather in {city} is sunny and warm.";
        }, "get_weather", "Gets the weather in a city.");
        using var client = new SciBoxChatClient(_fixture.Options).AsBuilder().UseFunctionInvocation().Build();
        var options = new ChatOptions { Tools = [tool] };
        const string Question = "Use the tool get_weather with city=Paris, then tell me: what is the weather in Paris?";

        var response = streaming
            ? await client.GetStreamingResponseAsync(Question, options).ToChatResponseAsync()
            : await client.GetResponseAsync(Question, options);

        Assert.Equal(["Paris"], invocations);
        Assert.Equal("The weather in Paris is sunny and warm.", response.Messages[^1].Text);
        var secondRequest = JsonDocument.Parse(_fixture.Requests[^1].Body).RootElement.GetProperty("messages");
        var toolMessage = secondRequest.EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        var assistantCall = secondRequest.EnumerateArray().Single(m => m.TryGetProperty("tool_calls", out _)).GetProperty("tool_calls")[0];
        Assert.Equal(assistantCall.GetProperty("id").GetString(), toolMessage.GetProperty("tool_call_id").GetString());
        Assert.Equal("""{"city":"Paris"}""", assistantCall.GetProperty("function").GetProperty("arguments").GetString());
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Providers.Core;
using Providers.Emulator;

namespace Providers.SemanticKernel.Tests;

/// <summary>
/// A kernel's plugins called through our chat client: the emulator's chat model calls a tool when tools are offered
/// and the user's message names it, with arguments from <c>name=value</c> in the text (docs/emulator.md).
/// </summary>
public sealed class FunctionCallingTests : IAsyncLifetime
{
    private const string AskForParis = "What is the forecast? Use the Weather_get_forecast tool with city=Paris.";

    private static readonly PromptExecutionSettings Auto = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

    private ProvidersEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await ProvidersEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_prompt_with_automatic_function_choice_calls_the_plugin_and_answers_from_its_result()
    {
        var plugin = new WeatherPlugin();
        var kernel = CreateKernel(plugin);

        var result = await kernel.InvokePromptAsync(AskForParis, new(Auto));

        Assert.Equal(["Paris"], plugin.Cities);
        Assert.Equal("The forecast for Paris is sunny and 21 degrees.", result.ToString());
        var requests = ChatRequests();
        Assert.Equal(2, requests.Count);
        var toolMessage = requests[1]["messages"]!.AsArray().Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal("The forecast for Paris is sunny and 21 degrees.", (string?)toolMessage["content"]);
    }

    [Fact]
    public async Task The_chat_completion_service_bridge_runs_the_same_tool_loop()
    {
        var plugin = new WeatherPlugin();
        var kernel = CreateKernel(plugin);
        var chat = kernel.GetRequiredService<IChatClient>().AsChatCompletionService();
        var history = new ChatHistory();
        history.AddUserMessage("Use the Weather_get_forecast tool with city=Oslo.");

        var reply = await chat.GetChatMessageContentAsync(history, Auto, kernel);

        Assert.Equal(["Oslo"], plugin.Cities);
        Assert.Equal("The forecast for Oslo is sunny and 21 degrees.", reply.Content);
    }

    [Fact]
    public async Task A_streamed_prompt_calls_the_plugin_and_streams_the_answer()
    {
        var plugin = new WeatherPlugin();
        var kernel = CreateKernel(plugin);

        var text = new System.Text.StringBuilder();
        await foreach (var update in kernel.InvokePromptStreamingAsync<string>(AskForParis, new(Auto)))
        {
            text.Append(update);
        }

        Assert.Equal(["Paris"], plugin.Cities);
        Assert.Equal("The forecast for Paris is sunny and 21 degrees.", text.ToString());
    }

    [Fact]
    public async Task Without_a_function_choice_behavior_no_tools_are_offered()
    {
        var plugin = new WeatherPlugin();
        var kernel = CreateKernel(plugin);

        await kernel.InvokePromptAsync(AskForParis);

        Assert.Empty(plugin.Cities);
        Assert.Null(Assert.Single(ChatRequests())["tools"]);
    }

    [Fact]
    public async Task A_transient_failure_after_the_tool_ran_is_retried_without_running_the_tool_again()
    {
        // The tool arms a 503 for the next model call: retry sits inside the tool loop, so only that call is repeated.
        var plugin = new WeatherPlugin(onCall: () => _emulator.Faults.For(EmulatedService.SciBox, "v1/chat/completions").FailNext(1, 503));
        var kernel = CreateKernel(plugin, pipeline: p => p.UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)));

        var result = await kernel.InvokePromptAsync(AskForParis, new(Auto));

        Assert.Equal(["Paris"], plugin.Cities);
        Assert.Equal("The forecast for Paris is sunny and 21 degrees.", result.ToString());
        Assert.Equal([200, 503, 200], _emulator.Requests.For(EmulatedService.SciBox).Select(r => r.StatusCode));
    }

    private Kernel CreateKernel(WeatherPlugin plugin, Action<ChatClientBuilder>? pipeline = null)
    {
        var builder = Kernel.CreateBuilder();

        // As Semantic Kernel's own AddOpenAIChatClient does: the kernel's function invocation outermost, so a retry
        // inside it repeats only the model call, never a plugin.
        var chat = builder.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (_emulator.SciBoxBaseUrl, _emulator.Options.SciBoxApiKey))
            .UseKernelFunctionInvocation();
        pipeline?.Invoke(chat);
        builder.Plugins.AddFromObject(plugin, "Weather");
        return builder.Build();
    }

    private List<JsonNode> ChatRequests() =>
        [.. _emulator.Requests.For(EmulatedService.SciBox).Select(r => JsonNode.Parse(r.Body!)!)];
}

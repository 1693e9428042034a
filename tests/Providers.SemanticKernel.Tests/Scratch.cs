using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Providers.Emulator;
using Providers.SciBox;
using Xunit.Abstractions;

namespace Providers.SemanticKernel.Tests;

public sealed class Scratch(ITestOutputHelper output)
{
    public sealed class WeatherPlugin
    {
        public int Calls;
        [KernelFunction("get_forecast"), Description("Gets the forecast for a city.")]
        public string GetForecast([Description("The city")] string city) { Calls++; return $"The forecast for {city} is sunny and 21 degrees."; }
    }

    [Fact]
    public async Task Experiment()
    {
        await using var emulator = await ProvidersEmulator.StartAsync();
        var builder = Kernel.CreateBuilder();
        builder.AddSciBoxChatClient(o => { o.Endpoint = emulator.SciBoxBaseUrl; o.ApiKey = emulator.Options.SciBoxApiKey; });
        var plugin = new WeatherPlugin();
        builder.Plugins.AddFromObject(plugin, "Weather");
        var kernel = builder.Build();
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        FunctionResult result;
        try { result = await kernel.InvokePromptAsync("What is the forecast? Use the Weather_get_forecast tool with city=Paris.", new(settings)); }
        catch (Exception) { foreach (var r in emulator.Requests.For(EmulatedService.SciBox)) output.WriteLine(r.Body); throw; }
        output.WriteLine($"prompt: calls={plugin.Calls} result={result}");
        foreach (var r in emulator.Requests.For(EmulatedService.SciBox)) output.WriteLine(r.Body);

        var chat = kernel.GetRequiredService<IChatClient>().AsChatCompletionService();
        var history = new ChatHistory();
        history.AddUserMessage("What is the forecast? Use the Weather_get_forecast tool with city=Oslo.");
        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
        output.WriteLine($"ccs: calls={plugin.Calls} reply={reply} history={history.Count}");
        output.WriteLine($"has IChatCompletionService: {kernel.Services.GetService<IChatCompletionService>() is not null}");
    }
}

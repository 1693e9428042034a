using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace Providers.SemanticKernel.Tests;

/// <summary>A kernel plugin that records its calls, and can run an extra step when called.</summary>
public sealed class WeatherPlugin(Action? onCall = null)
{
    public ConcurrentQueue<string> Cities { get; } = new();

    [KernelFunction("get_forecast")]
    [Description("Gets the weather forecast for a city.")]
    public string GetForecast([Description("The city")] string city)
    {
        Cities.Enqueue(city);
        onCall?.Invoke();
        return $"The forecast for {city} is sunny and 21 degrees.";
    }
}

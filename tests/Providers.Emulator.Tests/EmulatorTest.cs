using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Providers.Emulator;

namespace Providers.Emulator.Tests;

/// <summary>A test against a fresh emulator, started before and stopped after each test.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected ProvidersEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await ProvidersEmulator.StartAsync(CreateOptions());

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    protected virtual EmulatorOptions CreateOptions() => new();

    /// <summary>A client for <paramref name="service"/>, authorised the way that service expects.</summary>
    protected HttpClient Client(EmulatedService service, string? authorization = "default")
    {
        var client = new HttpClient { BaseAddress = Emulator.ServiceUrl(service) };
        var value = authorization != "default" ? authorization : service switch
        {
            EmulatedService.SciBox => "Bearer " + Emulator.Options.SciBoxApiKey,
            EmulatedService.Spirit => "Bearer " + Emulator.Options.SpiritApiKey,
            _ => null,
        };
        if (value is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", value);
        }

        return client;
    }

    protected HttpClient SpiritProxyClient() =>
        Client(EmulatedService.Spirit, $"{Emulator.Options.SpiritServerlessId}-{Emulator.Options.SpiritApiKey}");

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonNode>() ?? throw new InvalidOperationException("Empty JSON body.");

    protected static async Task<(HttpResponseMessage Response, JsonNode Body)> PostAsync(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, Json(json));
        return (response, await ReadJsonAsync(response));
    }

    protected static async Task<List<JsonNode>> ReadSseAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.StartsWith("data: ", StringComparison.Ordinal) ? f[6..] : throw new InvalidOperationException($"Not an SSE data frame: {f}"))
            .Select(d => d == "[DONE]" ? JsonValue.Create("[DONE]") : JsonNode.Parse(d)!)];
    }

    protected static MediaTypeHeaderValue MediaType(string value) => new(value);
}

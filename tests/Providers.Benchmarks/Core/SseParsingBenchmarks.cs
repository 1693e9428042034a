using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Providers.Core;

namespace Providers.Benchmarks.Core;

/// <summary>
/// Reading a chat stream of N chunks from memory: <see cref="ServerSentEventReader"/> (framing, [DONE], error-frame
/// detection, truncation check) against bare <see cref="SseParser"/> plus deserialization, which checks nothing.
/// </summary>
[MemoryDiagnoser]
public class SseParsingBenchmarks
{
    private ServiceHttpClient _service = null!;
    private byte[] _eventStream = [];

    [Params(100, 2000)]
    public int Frames { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _service = new ServiceHttpClient("Benchmark", new HttpClient(), new Uri("http://127.0.0.1/"), ServiceAuthentication.None, Timeout.InfiniteTimeSpan, disposeHttpClient: true);
        var text = new StringBuilder();
        for (int i = 0; i < Frames; i++)
        {
            var chunk = new ChatChunk("chatcmpl-8f3a1c", "chat.completion.chunk", 1_741_950_000, "openai/gpt-oss-20b",
                [new ChatChunkChoice(0, new ChatChunkDelta(i == 0 ? "assistant" : null, $" token{i}"), i == Frames - 1 ? "stop" : null)]);
            text.Append("data: ").Append(JsonSerializer.Serialize(chunk, ChatChunkJsonContext.Default.ChatChunk)).Append("\n\n");
        }

        text.Append("data: [DONE]\n\n");
        _eventStream = Encoding.UTF8.GetBytes(text.ToString());
    }

    [GlobalCleanup]
    public void Cleanup() => _service.Dispose();

    [Benchmark(Baseline = true, Description = "SseParser + deserialize, no checks")]
    public async Task<int> BareSseParser()
    {
        int characters = 0;
        await foreach (var item in SseParser.Create(new MemoryStream(_eventStream), static (_, data) =>
            data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, ChatChunkJsonContext.Default.ChatChunk)).EnumerateAsync())
        {
            characters += item.Data?.Choices[0].Delta.Content?.Length ?? 0;
        }

        return characters;
    }

    [Benchmark(Description = "ServerSentEventReader.ReadJsonAsync")]
    public async Task<int> ServerSentEventReader()
    {
        using var response = new HttpResponseMessage { Content = new StreamContent(new MemoryStream(_eventStream)) };
        int characters = 0;
        await foreach (var chunk in Providers.Core.ServerSentEventReader.ReadJsonAsync(_service, response, ChatChunkJsonContext.Default.ChatChunk))
        {
            characters += chunk.Choices[0].Delta.Content?.Length ?? 0;
        }

        return characters;
    }
}

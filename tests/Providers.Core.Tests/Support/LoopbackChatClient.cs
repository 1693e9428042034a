using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Providers.Core.Tests.Support;

/// <summary>
/// The smallest chat provider built on Core: posts <c>{"prompt","stream"}</c> to <c>chat</c> and reads
/// <c>{"text"}</c>, or an SSE stream of such chunks. Stands in for a real provider in middleware and DI tests.
/// </summary>
internal sealed class LoopbackChatClient(ServiceHttpClient service) : IChatClient
{
    public const string Path = "chat";

    private readonly ChatClientMetadata _metadata = new(service.ServiceName, service.BaseAddress, "loopback-model");

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var chunk = await service.PostJsonAsync(Path, Request(messages, stream: false),
            LoopbackJsonContext.Default.LoopbackChatRequest, LoopbackJsonContext.Default.LoopbackChunk, cancellationToken);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, chunk.Text));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = service.CreateJsonRequest(HttpMethod.Post, Path, Request(messages, stream: true), LoopbackJsonContext.Default.LoopbackChatRequest);
        using var response = await service.SendAsync(request, cancellationToken);
        await foreach (var chunk in ServerSentEventReader.ReadJsonAsync(service, response, LoopbackJsonContext.Default.LoopbackChunk, cancellationToken))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, chunk.Text);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => service.Dispose();

    private static LoopbackChatRequest Request(IEnumerable<ChatMessage> messages, bool stream) =>
        new(string.Join('\n', messages.Select(m => m.Text)), stream);
}

internal sealed record LoopbackChatRequest(string Prompt, bool Stream);

internal sealed record LoopbackChunk(string? Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LoopbackChatRequest))]
[JsonSerializable(typeof(LoopbackChunk))]
internal sealed partial class LoopbackJsonContext : JsonSerializerContext;

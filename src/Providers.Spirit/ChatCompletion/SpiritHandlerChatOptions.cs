using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.Spirit;

/// <summary>How a <see cref="SpiritHandlerChatClient"/> maps a chat to the handler's <c>input</c> and its output back to a response.</summary>
public sealed class SpiritHandlerChatOptions
{
    /// <summary>Gets the mapping from the conversation and options to the handler's <c>input</c>.</summary>
    public required Func<IReadOnlyList<ChatMessage>, ChatOptions?, JsonElement> CreateInput { get; init; }

    /// <summary>
    /// Gets the mapping from the handler's output to the response. A <see cref="JsonException"/>,
    /// <see cref="InvalidOperationException"/>, <see cref="FormatException"/> or <see cref="KeyNotFoundException"/> it
    /// throws surfaces as an <see cref="Core.InvalidResponseException"/>.
    /// </summary>
    public required Func<SpiritResult, ChatResponse> ReadResponse { get; init; }

    /// <summary>Gets how each call runs the handler. Default <see cref="SpiritInvocation.Sync"/>.</summary>
    public SpiritInvocation Invocation { get; init; } = SpiritInvocation.Sync;

    /// <summary>Gets the model the handler serves, reported in metadata and on responses that name none.</summary>
    public string? ModelId { get; init; }
}

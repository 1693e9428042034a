using System.Text;
using Microsoft.Extensions.AI;

namespace Providers.Core.OpenAI;

/// <summary>
/// Turns the chunks of one OpenAI-style chat stream into <see cref="ChatResponseUpdate"/>s: one update per chunk with
/// its text and reasoning; tool-call fragments gathered by index and emitted whole once the choice finishes; usage
/// emitted once, at the end, from the last chunk that carried it.
/// </summary>
/// <remarks>
/// Usage is held back because LiteLLM may attach it to a chunk that still has a (empty) choice, and some servers repeat
/// it: emitting each occurrence would make <c>ToChatResponse</c> add the counts up.
/// </remarks>
internal sealed class OpenAIChatStreamAssembler(string serviceName, bool includeReasoning)
{
    private readonly SortedDictionary<int, ToolCallBuilder> _toolCalls = [];
    private ChatRole? _role;
    private string? _responseId;
    private string? _modelId;
    private DateTimeOffset? _createdAt;
    private ChatFinishReason? _finishReason;
    private TokenUsage? _usage;

    public ChatResponseUpdate Next(ChatCompletionBody chunk)
    {
        _responseId = chunk.Id ?? _responseId;
        _modelId = chunk.Model ?? _modelId;
        _createdAt = OpenAIChatResponseReader.ToCreatedAt(chunk.Created) ?? _createdAt;
        _usage = chunk.Usage ?? _usage;

        var contents = new List<AIContent>();
        foreach (var choice in chunk.Choices ?? [])
        {
            if (choice.Index != 0)
            {
                continue;
            }

            if (choice.Delta is { } delta)
            {
                _role ??= delta.Role is null ? null : OpenAIChatResponseReader.ToRole(delta.Role);
                OpenAIChatResponseReader.AddText(contents, delta, includeReasoning);
                Gather(delta.ToolCalls);
            }

            if (OpenAIChatResponseReader.ToFinishReason(choice.FinishReason) is { } finish)
            {
                _finishReason = finish;
                EmitToolCalls(contents);
            }
        }

        return NewUpdate(contents, chunk);
    }

    /// <summary>Returns the last update, with tool calls still pending and the usage, or <see langword="null"/> when nothing is left.</summary>
    public ChatResponseUpdate? Complete()
    {
        var contents = new List<AIContent>();
        EmitToolCalls(contents);
        if (_usage is not null)
        {
            contents.Add(new UsageContent(_usage.ToUsageDetails()));
        }

        return contents.Count == 0 ? null : NewUpdate(contents, rawRepresentation: null);
    }

    private ChatResponseUpdate NewUpdate(List<AIContent> contents, object? rawRepresentation) => new(_role ?? ChatRole.Assistant, contents)
    {
        ResponseId = _responseId,
        MessageId = _responseId,
        ModelId = _modelId,
        CreatedAt = _createdAt,
        FinishReason = _finishReason,
        RawRepresentation = rawRepresentation,
    };

    private void Gather(List<ToolCallDeltaBody>? fragments)
    {
        if (fragments is null)
        {
            return;
        }

        foreach (var fragment in fragments)
        {
            // A server that numbers no fragments sends each call whole, in order.
            int index = fragment.Index ?? _toolCalls.Count;
            if (!_toolCalls.TryGetValue(index, out var call))
            {
                _toolCalls[index] = call = new ToolCallBuilder();
            }

            call.Id ??= fragment.Id;
            call.Name ??= fragment.Function?.Name;
            call.Arguments.Append(fragment.Function?.Arguments);
        }
    }

    private void EmitToolCalls(List<AIContent> contents)
    {
        foreach (var call in _toolCalls.Values)
        {
            contents.Add(OpenAIChatResponseReader.ToFunctionCall(call.Id, call.Name, call.Arguments.ToString(), serviceName));
        }

        _toolCalls.Clear();
    }

    private sealed class ToolCallBuilder
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}

using Microsoft.Extensions.AI;

namespace Providers.Spirit;

/// <summary>
/// Turns the lines of one Ollama chat stream into <see cref="ChatResponseUpdate"/>s under one made-up response id;
/// the last line (<c>done: true</c>) carries the finish reason (tool calls if any came) and the usage.
/// </summary>
internal sealed class OllamaChatStreamAssembler(bool includeReasoning, string serviceName)
{
    private readonly string _responseId = OllamaChatResponseReader.NewResponseId();
    private bool _calledTools;

    public ChatResponseUpdate Next(OllamaChatResponse line)
    {
        var contents = line.Message is { } message ? OllamaChatResponseReader.ToContents(message, includeReasoning, serviceName) : [];
        _calledTools |= contents.Exists(c => c is FunctionCallContent);
        ChatFinishReason? finish = null;
        if (line.Done)
        {
            finish = _calledTools ? ChatFinishReason.ToolCalls : OllamaChatResponseReader.ToFinishReason(line.DoneReason);
            if (OllamaChatResponseReader.ToUsage(line) is { } usage)
            {
                contents.Add(new UsageContent(usage));
            }
        }

        return new ChatResponseUpdate(OllamaChatResponseReader.ToRole(line.Message?.Role), contents)
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = line.Model,
            CreatedAt = line.CreatedAt,
            FinishReason = finish,
            RawRepresentation = line,
        };
    }
}

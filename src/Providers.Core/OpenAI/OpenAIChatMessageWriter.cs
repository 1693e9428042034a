using System.Text;
using Microsoft.Extensions.AI;
using Providers.Core.Chat;

namespace Providers.Core.OpenAI;

/// <summary>
/// Turns Microsoft.Extensions.AI messages into OpenAI-style chat messages. Images become <c>image_url</c> parts
/// (bytes as a base64 data URI, links as they are); content the wire cannot carry is refused before anything is sent.
/// </summary>
internal static class OpenAIChatMessageWriter
{
    /// <summary>The image types vision models behind vLLM decode; others would fail on the server after an upload.</summary>
    private static readonly HashSet<string> ImageMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/bmp", "image/tiff",
    };

    public static List<ChatRequestMessage> Write(IEnumerable<ChatMessage> messages, string? instructions, string serviceName)
    {
        var written = new List<ChatRequestMessage>();
        if (!string.IsNullOrEmpty(instructions))
        {
            written.Add(new ChatRequestMessage { Role = "system", Content = new MessageContent(instructions, null) });
        }

        int index = 0;
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            WriteMessage(message, index++, written, serviceName);
        }

        if (written.Count == 0)
        {
            throw new ArgumentException("A chat request needs at least one message.", nameof(messages));
        }

        return written;
    }

    private static void WriteMessage(ChatMessage message, int index, List<ChatRequestMessage> written, string serviceName)
    {
        var text = new StringBuilder();
        List<ContentPart>? parts = null;
        List<ToolCallBody>? toolCalls = null;
        List<ChatRequestMessage>? toolResults = null;

        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent textContent:
                    text.Append(textContent.Text);
                    parts?.Add(new ContentPart(textContent.Text, null));
                    break;

                case DataContent or UriContent:
                    parts ??= text.Length > 0 ? [new ContentPart(text.ToString(), null)] : [];
                    parts.Add(new ContentPart(null, ImageUrl(content, index, serviceName)));
                    break;

                case FunctionCallContent call:
                    (toolCalls ??= []).Add(new ToolCallBody
                    {
                        Id = call.CallId,
                        Type = "function",
                        Function = new FunctionCallBody { Name = call.Name, Arguments = FunctionCallJson.ArgumentsText(call.Arguments) },
                    });
                    break;

                case FunctionResultContent result:
                    (toolResults ??= []).Add(new ChatRequestMessage
                    {
                        Role = "tool",
                        ToolCallId = result.CallId,
                        Content = new MessageContent(FunctionCallJson.ResultText(result.Result), null),
                    });
                    break;

                // Reasoning and usage are answers' bookkeeping; chat templates drop them from the history anyway.
                case TextReasoningContent or UsageContent:
                    break;

                default:
                    throw new NotSupportedException(
                        $"{serviceName} chat: message {index} holds {content.GetType().Name}, which an OpenAI-style chat request cannot carry.");
            }
        }

        // A message that only returns tool results becomes the tool messages alone.
        if (text.Length > 0 || parts is not null || toolCalls is not null || toolResults is null)
        {
            written.Add(new ChatRequestMessage
            {
                Role = message.Role.Value,
                Name = message.AuthorName,
                Content = parts is not null ? new MessageContent(null, parts)
                    : text.Length > 0 || toolCalls is null ? new MessageContent(text.ToString(), null)
                    : null, // an assistant turn of tool calls only carries no content
                ToolCalls = toolCalls,
            });
        }

        if (toolResults is not null)
        {
            written.AddRange(toolResults);
        }
    }

    private static string ImageUrl(AIContent content, int index, string serviceName)
    {
        switch (content)
        {
            case DataContent data when ImageMediaTypes.Contains(data.MediaType):
                return data.Uri;

            case UriContent link when link.HasTopLevelMediaType("image") &&
                                      (link.Uri.Scheme == Uri.UriSchemeHttps || link.Uri.Scheme == Uri.UriSchemeHttp):
                return link.Uri.AbsoluteUri;

            case UriContent link when link.HasTopLevelMediaType("image"):
                throw new NotSupportedException(
                    $"{serviceName} chat: message {index} links an image by a '{link.Uri.Scheme}' URI; the server fetches images itself, so only http and https links work. Send the bytes as DataContent instead.");

            default:
                string mediaType = content is DataContent d ? d.MediaType : ((UriContent)content).MediaType;
                throw new NotSupportedException(
                    $"{serviceName} chat: message {index} holds content of media type '{mediaType}'; only images ({string.Join(", ", ImageMediaTypes)}) can be sent.");
        }
    }
}

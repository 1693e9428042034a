// SciBox streaming: the answer printed as it arrives, then the token usage from the stream's last chunk
// (seed: scibox-llm-service.ru.md, section 2.2).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run --project samples/Notebooks -- scibox-streaming

using Microsoft.Extensions.AI;
using Providers.SciBox;

namespace Providers.Samples.Notebooks.SciBox;

internal static class SciBoxStreaming
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var scibox = await services.SciBoxAsync(cancellationToken);
        using IChatClient client = new SciBoxChatClient(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

        ChatMessage[] messages =
        [
            new(ChatRole.System, "War and Peace by Leo Tolstoy follows five aristocratic families through Napoleon's invasion of Russia in 1812."),
            new(ChatRole.User, "Summarise War and Peace in one sentence."),
        ];
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = 400 }, cancellationToken))
        {
            output.Write(update.Text);
            updates.Add(update);
        }

        output.WriteLine();
        var response = updates.ToChatResponse();
        output.WriteLine($"{updates.Count} updates, finish reason: {response.FinishReason}, " +
            $"tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
    }
}

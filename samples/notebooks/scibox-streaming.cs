// SciBox streaming: the answer printed as it arrives, then the token usage from the stream's last chunk
// (seed: scibox-llm-service.ru.md, section 2.2).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run samples/notebooks/scibox-streaming.cs
#:project ../../src/Providers.SciBox/Providers.SciBox.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using Microsoft.Extensions.AI;
using Providers.Samples;
using Providers.SciBox;

await using var services = new SampleServices(Console.Out);
var scibox = await services.SciBoxAsync();
using IChatClient client = new SciBoxChatClient(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

ChatMessage[] messages =
[
    new(ChatRole.System, "War and Peace by Leo Tolstoy follows five aristocratic families through Napoleon's invasion of Russia in 1812."),
    new(ChatRole.User, "Summarise War and Peace in one sentence."),
];
List<ChatResponseUpdate> updates = [];
await foreach (var update in client.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = 400 }))
{
    Console.Write(update.Text);
    updates.Add(update);
}

Console.WriteLine();
var response = updates.ToChatResponse();
Console.WriteLine($"{updates.Count} updates, finish reason: {response.FinishReason}, " +
    $"tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");

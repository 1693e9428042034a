// SciBox chat: a system prompt, a question and the sampling settings of the service's guide
// (seed: scibox-llm-service.ru.md, section 2.1).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run samples/notebooks/scibox-chat.cs
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
    new(ChatRole.System, "You are a friendly assistant. Augustin-Jean Fresnel designed the Fresnel lens for lighthouses in 1822."),
    new(ChatRole.User, "Who designed the Fresnel lens, and when?"),
];
var options = new ChatOptions { Temperature = 0.7f, TopP = 0.9f, MaxOutputTokens = 256 };
var response = await client.GetResponseAsync(messages, options);

Console.WriteLine(response.Text);
Console.WriteLine($"model: {response.ModelId}, finish reason: {response.FinishReason}, " +
    $"tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");

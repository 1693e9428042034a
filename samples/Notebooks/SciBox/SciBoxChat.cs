// SciBox chat: a system prompt, a question and the sampling settings of the service's guide
// (seed: scibox-llm-service.ru.md, section 2.1).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run --project samples/Notebooks -- scibox-chat

using Microsoft.Extensions.AI;
using Providers.SciBox;

namespace Providers.Samples.Notebooks.SciBox;

internal static class SciBoxChat
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var scibox = await services.SciBoxAsync(cancellationToken);
        using IChatClient client = new SciBoxChatClient(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are a friendly assistant. Augustin-Jean Fresnel designed the Fresnel lens for lighthouses in 1822."),
            new(ChatRole.User, "Who designed the Fresnel lens, and when?"),
        ];
        var options = new ChatOptions { Temperature = 0.7f, TopP = 0.9f, MaxOutputTokens = 256 };
        var response = await client.GetResponseAsync(messages, options, cancellationToken);

        output.WriteLine(response.Text);
        output.WriteLine($"model: {response.ModelId}, finish reason: {response.FinishReason}, " +
            $"tokens: {response.Usage?.InputTokenCount} in, {response.Usage?.OutputTokenCount} out");
    }
}

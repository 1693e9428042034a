// Spirit-GPU proxy mode: the service forwards /v1/* (OpenAI API) and /api/* (Ollama API) to the LLM server in your
// worker, authenticated with "{serverlessId}-{apiKey}" (seed: spirit-gpu-serverless.md, "Proxy Mode"). Both APIs
// are IChatClients here; the Ollama one streams.
//
//   SPIRIT_API_KEY        your API key; setting it selects the real service (unset: the in-process emulator)
//   SPIRIT_SERVERLESS_ID  the serverless endpoint's id (required with SPIRIT_API_KEY)
//   SPIRIT_URL            the service's base URL (default https://api-serverless.datastone.cn)
//   SPIRIT_MODEL          the model your worker serves (default llama3.2)
//
//   dotnet run --project samples/Notebooks -- spirit-proxy-chat

using Microsoft.Extensions.AI;
using Providers.Spirit;

namespace Providers.Samples.Notebooks.Spirit;

internal static class SpiritProxyChat
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var spirit = await services.SpiritAsync(cancellationToken);
        var options = new SpiritProxyOptions
        {
            Endpoint = spirit.Endpoint,
            ApiKey = spirit.ApiKey,
            ServerlessId = spirit.ServerlessId,
            ModelId = services.GetVariable("SPIRIT_MODEL") ?? SpiritProxyOptions.DefaultModelId,
        };
        ChatMessage[] messages =
        [
            new(ChatRole.System, "The sky looks blue because air scatters blue sunlight more than red sunlight."),
            new(ChatRole.User, "Why is the sky blue?"),
        ];

        using IChatClient openAi = new SpiritProxyChatClient(options);
        var response = await openAi.GetResponseAsync(messages, cancellationToken: cancellationToken);
        output.WriteLine($"OpenAI API ({response.ModelId}): {response.Text}");

        using IChatClient ollama = new SpiritOllamaChatClient(options);
        output.Write("Ollama API, streamed: ");
        await foreach (var update in ollama.GetStreamingResponseAsync(messages, cancellationToken: cancellationToken))
        {
            output.Write(update.Text);
        }

        output.WriteLine();
    }
}

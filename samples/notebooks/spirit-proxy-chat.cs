// Spirit-GPU proxy mode: the service forwards /v1/* (OpenAI API) and /api/* (Ollama API) to the LLM server in your
// worker, authenticated with "{serverlessId}-{apiKey}" (seed: spirit-gpu-serverless.md, "Proxy Mode"). Both APIs
// are IChatClients here; the Ollama one streams.
//
//   SPIRIT_API_KEY        your API key; setting it selects the real service (unset: the in-process emulator)
//   SPIRIT_SERVERLESS_ID  the serverless endpoint's id (required with SPIRIT_API_KEY)
//   SPIRIT_URL            the service's base URL (default https://api-serverless.datastone.cn)
//   SPIRIT_MODEL          the model your worker serves (default llama3.2)
//
//   dotnet run samples/notebooks/spirit-proxy-chat.cs
#:project ../../src/Providers.Spirit/Providers.Spirit.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using Microsoft.Extensions.AI;
using Providers.Samples;
using Providers.Spirit;

await using var services = new SampleServices(Console.Out);
var spirit = await services.SpiritAsync();
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
var response = await openAi.GetResponseAsync(messages);
Console.WriteLine($"OpenAI API ({response.ModelId}): {response.Text}");

using IChatClient ollama = new SpiritOllamaChatClient(options);
Console.Write("Ollama API, streamed: ");
await foreach (var update in ollama.GetStreamingResponseAsync(messages))
{
    Console.Write(update.Text);
}

Console.WriteLine();

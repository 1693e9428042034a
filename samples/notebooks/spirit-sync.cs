// Spirit-GPU handler mode, synchronous: the request's input goes to your handler and its output comes back in the
// same call (seed: spirit-gpu-serverless.md, "Handler Mode"). The service waits up to 3 minutes for the handler.
//
//   SPIRIT_API_KEY        your API key; setting it selects the real service (unset: the in-process emulator,
//                         whose handler echoes the input back)
//   SPIRIT_SERVERLESS_ID  the serverless endpoint's id (required with SPIRIT_API_KEY)
//   SPIRIT_URL            the service's base URL (default https://api-serverless.datastone.cn)
//
//   dotnet run samples/notebooks/spirit-sync.cs
#:project ../../src/Providers.Spirit/Providers.Spirit.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using System.Text.Json;
using Providers.Samples;
using Providers.Spirit;

await using var services = new SampleServices(Console.Out);
var spirit = await services.SpiritAsync();
using var client = new SpiritJobClient(new SpiritJobClientOptions
{
    Endpoint = spirit.Endpoint,
    ApiKey = spirit.ApiKey,
    ServerlessId = spirit.ServerlessId,
});

Console.WriteLine($"jobs waiting in the queue: {await client.GetQueueLengthAsync()}");
using var input = JsonDocument.Parse("""{"audio":"http://your-audio.wav","model":"base"}""");
var result = await client.RunSyncAsync(input.RootElement);

Console.WriteLine($"handler output ({result.Data.Length} bytes): {result.GetText()}");

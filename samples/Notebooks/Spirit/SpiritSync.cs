// Spirit-GPU handler mode, synchronous: the request's input goes to your handler and its output comes back in the
// same call (seed: spirit-gpu-serverless.md, "Handler Mode"). The service waits up to 3 minutes for the handler.
//
//   SPIRIT_API_KEY        your API key; setting it selects the real service (unset: the in-process emulator,
//                         whose handler echoes the input back)
//   SPIRIT_SERVERLESS_ID  the serverless endpoint's id (required with SPIRIT_API_KEY)
//   SPIRIT_URL            the service's base URL (default https://api-serverless.datastone.cn)
//
//   dotnet run --project samples/Notebooks -- spirit-sync

using System.Text.Json;
using Providers.Spirit;

namespace Providers.Samples.Notebooks.Spirit;

internal static class SpiritSync
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var spirit = await services.SpiritAsync(cancellationToken);
        using var client = new SpiritJobClient(new SpiritJobClientOptions
        {
            Endpoint = spirit.Endpoint,
            ApiKey = spirit.ApiKey,
            ServerlessId = spirit.ServerlessId,
        });

        output.WriteLine($"jobs waiting in the queue: {await client.GetQueueLengthAsync(cancellationToken)}");
        var input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["audio"] = "http://your-audio.wav", ["model"] = "base" });
        var result = await client.RunSyncAsync(input, cancellationToken);

        output.WriteLine($"handler output ({result.Data.Length} bytes): {result.GetText()}");
    }
}

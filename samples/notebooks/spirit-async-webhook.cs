// Spirit-GPU handler mode, asynchronous with a webhook: the job is queued, and when the handler finishes the service
// POSTs the result to your webhook, which this notebook serves with MapSpiritWebhook; the waiting call completes
// when the webhook is called (seed: spirit-gpu-serverless.md, request["webhook"]).
//
//   SPIRIT_API_KEY        your API key; setting it selects the real service (unset: the in-process emulator)
//   SPIRIT_SERVERLESS_ID  the serverless endpoint's id (required with SPIRIT_API_KEY)
//   SPIRIT_URL            the service's base URL (default https://api-serverless.datastone.cn)
//   SPIRIT_WEBHOOK_URL    the public URL the service can reach and that forwards to this notebook's listener
//                         (required with the real service: a loopback address is reachable only from this machine)
//   SPIRIT_WEBHOOK_PORT   the local port the webhook listens on (default: any free port)
//
//   dotnet run samples/notebooks/spirit-async-webhook.cs
#:project ../../src/Providers.Spirit.AspNetCore/Providers.Spirit.AspNetCore.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Providers.Samples;
using Providers.Spirit;

await using var services = new SampleServices(Console.Out);
var spirit = await services.SpiritAsync();

// The webhook receiver: a minimal ASP.NET Core app whose endpoint feeds the registry the job client waits on.
var webhooks = new SpiritWebhookRegistry();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddSingleton(webhooks);
int port = int.TryParse(services.GetVariable("SPIRIT_WEBHOOK_PORT"), out int configured) ? configured : 0;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
await using var app = builder.Build();
app.MapSpiritWebhook("/spirit/webhook");
await app.StartAsync();
string listening = app.Urls.First();
var webhook = new Uri(services.GetVariable("SPIRIT_WEBHOOK_URL") ?? $"{listening}/spirit/webhook");
Console.WriteLine($"webhook: {webhook} (listening on {listening})");

using var client = new SpiritJobClient(
    new SpiritJobClientOptions { Endpoint = spirit.Endpoint, ApiKey = spirit.ApiKey, ServerlessId = spirit.ServerlessId, WebhookUrl = webhook },
    webhooks);
// Your handler reads "input"; the emulator's echo handler also takes "sleep_ms", to be seen running for a while.
using var input = JsonDocument.Parse("""{"prompt":"hello","sleep_ms":200}""");
var job = await client.SubmitAsync(input.RootElement, new SpiritSubmitOptions { TimeToLive = TimeSpan.FromMinutes(15) });
Console.WriteLine($"submitted {job}, sequence {job.Sequence}");
Console.WriteLine($"status now: {(await job.GetStatusAsync()).State}");

var result = await job.WaitForResultAsync();
Console.WriteLine($"result through the webhook ({result.Data.Length} bytes): {result.GetText()}");
await app.StopAsync();

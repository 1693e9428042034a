// Dependency injection: clients registered from configuration (here an in-memory stand-in for appsettings.json,
// user secrets or environment variables such as Providers__SciBox__ApiKey), with middleware, HTTP through
// IHttpClientFactory, and options validated when the host starts, so a missing setting fails at once, named.
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run samples/notebooks/dependency-injection.cs
#:project ../../src/Providers.SciBox/Providers.SciBox.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false
#:package Microsoft.Extensions.Hosting

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Providers.Core;
using Providers.Samples;

await using var services = new SampleServices(Console.Out);
var scibox = await services.SciBoxAsync();
var settings = new Dictionary<string, string?>
{
    ["Providers:SciBox:Endpoint"] = scibox.Endpoint.ToString(),
    ["Providers:SciBox:ApiKey"] = scibox.ApiKey,
    ["Providers:SciBox:Timeout"] = "00:01:00",
};

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Configuration.AddInMemoryCollection(settings);
builder.Services.AddSciBoxChatClient().UseRetry().UseOpenTelemetry();          // binds Providers:SciBox
builder.Services.AddSciBoxEmbeddingGenerator().UseBatching().UseRetry();
using (var host = builder.Build())
{
    await host.StartAsync();
    var chat = host.Services.GetRequiredService<IChatClient>();
    var embeddings = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    var metadata = chat.GetService<ChatClientMetadata>()!;
    Console.WriteLine($"chat: {metadata.ProviderName} at {metadata.ProviderUri}, model {metadata.DefaultModelId}");
    var vector = await embeddings.GenerateAsync("dependency injection");
    Console.WriteLine($"embedding: {vector.Vector.Length} dimensions");
    await host.StopAsync();
}

// The same registration without the token: the host refuses to start, naming the setting and the section.
settings.Remove("Providers:SciBox:ApiKey");
var broken = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
broken.Configuration.AddInMemoryCollection(settings);
broken.Services.AddSciBoxChatClient();
using var brokenHost = broken.Build();
try
{
    await brokenHost.StartAsync();
}
catch (OptionsValidationException e)
{
    Console.WriteLine($"without the token: {e.Message}");
}

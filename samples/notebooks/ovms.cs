// OpenVINO Model Server: wait until the embedding model is loaded, read each model's state, then embed two texts
// with gte-large-en-v1.5 (seed: openvino-model-server-embeddings.md, "Start-up" and "Client code").
//
//   OVMS_URL      the server's REST address, e.g. http://localhost:8000 (unset: the in-process emulator)
//   OVMS_API_KEY  the API key, if the server was started with one
//
//   dotnet run samples/notebooks/ovms.cs
#:project ../../src/Providers.Ovms/Providers.Ovms.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using Microsoft.Extensions.AI;
using Providers.Ovms;
using Providers.Samples;

await using var services = new SampleServices(Console.Out);
var server = await services.OvmsAsync();
var options = new OvmsOptions { Endpoint = server.Endpoint, ApiKey = server.ApiKey };

using (var readiness = new OvmsReadinessClient(options))
using (var loading = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
{
    await readiness.WaitUntilReadyAsync([options.EmbeddingModelId], cancellationToken: loading.Token);
    foreach (var (name, status) in await readiness.GetModelStatusesAsync())
    {
        Console.WriteLine($"{name,-36} {string.Join(", ", status.Versions.Select(v => $"version {v.Version}: {v.State}"))}");
    }
}

using IEmbeddingGenerator<string, Embedding<float>> generator = new OvmsEmbeddingGenerator(options);
string[] texts = ["Hello my name is", "Model server can support embeddings endpoint"];
var embeddings = await generator.GenerateAsync(texts);

foreach (var (text, embedding) in texts.Zip(embeddings))
{
    Console.WriteLine($"{text,-46} {embedding.Vector.Length} dimensions: [{string.Join(", ", embedding.Vector[..3].ToArray().Select(v => v.ToString("F4")))}, ...]");
}

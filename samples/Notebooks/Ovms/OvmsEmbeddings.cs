// OpenVINO Model Server: wait until the embedding model is loaded, read each model's state, then embed two texts
// with gte-large-en-v1.5 (seed: openvino-model-server-embeddings.md, "Start-up" and "Client code").
//
//   OVMS_URL      the server's REST address, e.g. http://localhost:8000 (unset: the in-process emulator)
//   OVMS_API_KEY  the API key, if the server was started with one
//
//   dotnet run --project samples/Notebooks -- ovms

using Microsoft.Extensions.AI;
using Providers.Ovms;

namespace Providers.Samples.Notebooks.Ovms;

internal static class OvmsEmbeddings
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var server = await services.OvmsAsync(cancellationToken);
        var options = new OvmsOptions { Endpoint = server.Endpoint, ApiKey = server.ApiKey };

        using (var readiness = new OvmsReadinessClient(options))
        using (var loading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            loading.CancelAfter(TimeSpan.FromMinutes(2));
            await readiness.WaitUntilReadyAsync([options.EmbeddingModelId], cancellationToken: loading.Token);
            foreach (var (name, status) in await readiness.GetModelStatusesAsync(cancellationToken))
            {
                output.WriteLine($"{name,-36} {string.Join(", ", status.Versions.Select(v => $"version {v.Version}: {v.State}"))}");
            }
        }

        using IEmbeddingGenerator<string, Embedding<float>> generator = new OvmsEmbeddingGenerator(options);
        string[] texts = ["Hello my name is", "Model server can support embeddings endpoint"];
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);

        foreach (var (text, embedding) in texts.Zip(embeddings))
        {
            output.WriteLine($"{text,-46} {embedding.Vector.Length} dimensions: [{string.Join(", ", embedding.Vector[..3].ToArray().Select(v => v.ToString("F4")))}, ...]");
        }
    }
}

// SV Ray cluster: text embeddings with all-MiniLM-L6-v2, sent 50 texts per request as the reference client does
// (seed: sv-ray-cluster-and-inference.md, section 1.1).
//
//   SV_RAY_URL  the cluster's base URL, e.g. http://10.0.10.51:8123 (unset: the in-process emulator)
//
//   dotnet run samples/notebooks/sv-text-embeddings.cs
#:project ../../src/Providers.SvRay/Providers.SvRay.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.Samples;
using Providers.SvRay;

await using var services = new SampleServices(Console.Out);
var cluster = await services.SvRayAsync();
using IEmbeddingGenerator<string, Embedding<float>> generator =
    new SvRayEmbeddingGenerator(new SvRayEmbeddingOptions { Endpoint = cluster.Endpoint })
        .AsBuilder()
        .UseSvRayBatching()
        .Build();

string[] texts = ["Hello, world!", "Another sentence.", "Hello there, world."];
var embeddings = await generator.GenerateAsync(texts);

for (int i = 0; i < texts.Length; i++)
{
    Console.WriteLine($"{texts[i],-22} {embeddings[i].Vector.Length} dimensions, " +
        $"cosine to the first: {TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[i].Vector.Span):F3}");
}

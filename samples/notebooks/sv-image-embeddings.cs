// SV Ray cluster: images and texts embedded into one space with SigLIP 2, then each caption matched to its
// closest image (seed: sv-ray-cluster-and-inference.md, section 1.2). Local files are read and sent as base64;
// an http(s) URL in place of a file name is downloaded by the client, as the reference client does.
//
//   SV_RAY_URL  the cluster's base URL, e.g. http://10.0.10.51:8123 (unset: the in-process emulator)
//
//   dotnet run samples/notebooks/sv-image-embeddings.cs
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
using IEmbeddingGenerator<AIContent, Embedding<float>> generator =
    new SvRayImageEmbeddingGenerator(new SvRayImageEmbeddingOptions { Endpoint = cluster.Endpoint });

string[] images = [SampleFiles.Image("sunset.png"), SampleFiles.Image("inclined-plane.jpg")];
string[] captions = ["A sunset over the sea", "A block on an inclined plane"];
var inputs = await SvRayImageInputs.CreateAsync(images, captions);
var embeddings = await generator.GenerateAsync(inputs);

Console.WriteLine($"{embeddings.Count} embeddings of {embeddings[0].Vector.Length} dimensions (images first, then texts)");
for (int t = 0; t < captions.Length; t++)
{
    var caption = embeddings[images.Length + t].Vector;
    var scores = images.Select((_, i) => TensorPrimitives.CosineSimilarity(caption.Span, embeddings[i].Vector.Span)).ToArray();
    int best = Array.IndexOf(scores, scores.Max());
    Console.WriteLine($"\"{captions[t]}\" is closest to {Path.GetFileName(images[best])} ({scores[best]:F3})");
}

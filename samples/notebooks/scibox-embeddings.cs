// SciBox embeddings with bge-m3, a multilingual model: a batch of two Russian texts
// ("What is quantum entanglement?" and "Quantum entanglement is a correlation of particle states")
// and how similar they are (seed: scibox-llm-service.ru.md, section 3).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run samples/notebooks/scibox-embeddings.cs
#:project ../../src/Providers.SciBox/Providers.SciBox.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.Samples;
using Providers.SciBox;

await using var services = new SampleServices(Console.Out);
var scibox = await services.SciBoxAsync();
using IEmbeddingGenerator<string, Embedding<float>> generator =
    new SciBoxEmbeddingGenerator(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

string[] texts = ["Что такое квантовая запутанность?", "Квантовая запутанность — это корреляция состояний частиц"];
var embeddings = await generator.GenerateAsync(texts);

Console.WriteLine($"{embeddings.Count} embeddings of {embeddings[0].Vector.Length} dimensions from {embeddings[0].ModelId}");
Console.WriteLine($"cosine similarity: {TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span):F3}");
Console.WriteLine($"tokens: {embeddings.Usage?.InputTokenCount}");

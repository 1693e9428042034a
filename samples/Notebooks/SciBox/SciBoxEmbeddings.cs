// SciBox embeddings with bge-m3, a multilingual model: a batch of two Russian texts
// ("What is quantum entanglement?" and "Quantum entanglement is a correlation of particle states")
// and how similar they are (seed: scibox-llm-service.ru.md, section 3).
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//
//   dotnet run --project samples/Notebooks -- scibox-embeddings

using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.SciBox;

namespace Providers.Samples.Notebooks.SciBox;

internal static class SciBoxEmbeddings
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var scibox = await services.SciBoxAsync(cancellationToken);
        using IEmbeddingGenerator<string, Embedding<float>> generator =
            new SciBoxEmbeddingGenerator(new SciBoxOptions { Endpoint = scibox.Endpoint, ApiKey = scibox.ApiKey });

        string[] texts = ["Что такое квантовая запутанность?", "Квантовая запутанность — это корреляция состояний частиц"];
        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);

        output.WriteLine($"{embeddings.Count} embeddings of {embeddings[0].Vector.Length} dimensions from {embeddings[0].ModelId}");
        output.WriteLine($"cosine similarity: {TensorPrimitives.CosineSimilarity(embeddings[0].Vector.Span, embeddings[1].Vector.Span):F3}");
        output.WriteLine($"tokens: {embeddings.Usage?.InputTokenCount}");
    }
}

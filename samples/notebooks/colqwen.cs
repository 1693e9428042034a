// ColQwen2.5: the service's health and model details, patch counts for two page sizes, then queries and images
// embedded as multi-vectors and scored against each other by MaxSim (seed: colqwen-fastapi-service.md).
//
//   COLQWEN_URL  the service's base URL, e.g. http://localhost:7000 (unset: the in-process emulator)
//
//   dotnet run samples/notebooks/colqwen.cs
#:project ../../src/Providers.ColQwen/Providers.ColQwen.csproj
#:project ../../src/Providers.VectorData/Providers.VectorData.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// The in-process emulator serializes JSON by reflection: no native AOT, a file-based app's default.
#:property PublishAot=false

using System.Drawing;
using Microsoft.Extensions.AI;
using Providers.ColQwen;
using Providers.Samples;
using Providers.VectorData.LateInteraction;

await using var services = new SampleServices(Console.Out);
var service = await services.ColQwenAsync();
var options = new ColQwenOptions { Endpoint = service.Endpoint };

using (var client = new ColQwenClient(options))
{
    var health = await client.GetHealthAsync();
    var info = await client.GetInfoAsync();
    Console.WriteLine($"health: {health.Status} on {health.Device}; {info.Dimensions} dimensions, {info.DType}, flash attention: {info.FlashAttention}");

    foreach (var grid in await client.GetPatchesAsync([new Size(1024, 768), new Size(512, 512)]))
    {
        Console.WriteLine($"a {grid.ImageWidth}x{grid.ImageHeight} image makes {grid.PatchesX}x{grid.PatchesY} = {grid.PatchCount} patches");
    }
}

using var queryEmbedder = new ColQwenQueryEmbeddingGenerator(options);
using var imageEmbedder = new ColQwenImageEmbeddingGenerator(new ColQwenImageEmbeddingOptions { Endpoint = options.Endpoint });
string[] queries = ["a photo of a sunset", "forces on a block on an inclined plane"];
string[] images = ["sunset.png", "inclined-plane.jpg"];
var queryEmbeddings = await queryEmbedder.GenerateAsync(queries);
var imageEmbeddings = await imageEmbedder.GenerateAsync(
    images.Select(name => new DataContent(File.ReadAllBytes(SampleFiles.Image(name)), name.EndsWith(".png") ? "image/png" : "image/jpeg")));

for (int i = 0; i < images.Length; i++)
{
    var patches = imageEmbeddings[i].ImagePatches!;
    Console.WriteLine($"{images[i],-20} {imageEmbeddings[i].TokenCount} vectors; image tokens {patches.Start}..{patches.Start + patches.Length - 1} cover {patches.GridWidth}x{patches.GridHeight} patches");
}

foreach (var (query, embedding) in queries.Zip(queryEmbeddings))
{
    var prepared = MaxSimQuery.Create(embedding);
    var scores = imageEmbeddings.Select(image => MaxSim.Score(prepared, MaxSimDocument.Create(image)));
    Console.WriteLine($"\"{query}\" ({embedding.TokenCount} vectors) MaxSim: {string.Join(", ", images.Zip(scores, (name, score) => $"{name} {score:F2}"))}");
}

if (service.IsEmulated)
{
    Console.WriteLine("(The emulator's vectors come from no model, so these scores show the arithmetic, not relevance; the real service ranks the image a query describes first.)");
}

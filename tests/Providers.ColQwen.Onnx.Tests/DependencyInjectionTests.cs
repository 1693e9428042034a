using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Providers.Core;

namespace Providers.ColQwen.Onnx.Tests;

public class DependencyInjectionTests
{
    [Fact]
    public async Task Registers_page_and_query_generators_over_one_model()
    {
        var services = new ServiceCollection().AddColQwenOnnxEmbeddings(options =>
        {
            options.ModelDirectory = Fixtures.TinyModel;
            options.ExecutionProvider = ColQwenExecutionProvider.Cpu;
        });
        await using var provider = services.BuildServiceProvider();

        var pages = provider.GetRequiredService<IEmbeddingGenerator<DataContent, MultiVectorEmbedding>>();
        var queries = provider.GetRequiredService<IEmbeddingGenerator<string, MultiVectorEmbedding>>();
        var query = await queries.GenerateAsync(["red box"]);

        Assert.Same(pages.GetService<ColQwenOnnxModel>(), queries.GetService<ColQwenOnnxModel>());
        Assert.Equal(128, query[0].Dimensions);
    }
}

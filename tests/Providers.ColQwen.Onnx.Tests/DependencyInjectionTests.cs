using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

        var pages = provider.GetRequiredService<IEmbeddingGenerator<AIContent, MultiVectorEmbedding>>();
        var queries = provider.GetRequiredService<IEmbeddingGenerator<string, MultiVectorEmbedding>>();
        var query = await queries.GenerateAsync(["red box"]);

        Assert.Same(pages.GetService<ColQwenOnnxModel>(), queries.GetService<ColQwenOnnxModel>());
        Assert.Equal(128, query[0].Dimensions);
    }

    [Fact]
    public async Task A_missing_model_directory_fails_startup_validation_naming_the_setting()
    {
        var services = new ServiceCollection().AddColQwenOnnxEmbeddings(options => options.ExecutionProvider = ColQwenExecutionProvider.Cpu);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ColQwenOnnxOptions: ModelDirectory must name the folder", error.Message);
    }
}

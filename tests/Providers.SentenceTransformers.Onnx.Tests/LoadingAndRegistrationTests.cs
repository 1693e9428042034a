using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Providers.Core;

namespace Providers.SentenceTransformers.Onnx.Tests;

public class LoadingAndRegistrationTests
{
    [Fact]
    public void A_package_that_is_not_referenced_is_refused_naming_it()
    {
        var error = Assert.Throws<SentenceTransformerModelException>(() => new SentenceTransformerModel(new SentenceTransformerOnnxOptions { ModelPackage = "SentenceTransformers.Absent" }));

        Assert.Contains("add a reference to the SentenceTransformers.Absent NuGet package", error.Message);
    }

    [Fact]
    public void Requiring_CUDA_on_the_CPU_runtime_fails_saying_why()
    {
        var error = Assert.Throws<SentenceTransformerModelException>(() => new SentenceTransformerModel(new SentenceTransformerOnnxOptions
        {
            ModelPackage = SentenceTransformerOnnxOptions.MiniLMPackage,
            ExecutionProvider = SentenceTransformerExecutionProvider.Cuda,
        }));

        Assert.Contains("CUDA was required", error.Message);
    }

    [Fact]
    public async Task Registers_the_sentence_and_token_generators_over_one_model_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Embeddings:ModelPackage"] = SentenceTransformerOnnxOptions.MiniLMPackage,
            ["Embeddings:ExecutionProvider"] = "Cpu",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSentenceTransformerEmbeddingGenerator(configSectionPath: "Embeddings");
        await using var provider = services.BuildServiceProvider();

        var sentences = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var tokens = provider.GetRequiredService<IEmbeddingGenerator<string, MultiVectorEmbedding>>();
        var vector = await sentences.GenerateAsync(["hello"]);

        Assert.Same(sentences.GetService<SentenceTransformerModel>(), tokens.GetService<SentenceTransformerModel>());
        Assert.Equal(384, vector[0].Vector.Length);
    }

    [Fact]
    public async Task Setting_neither_model_source_fails_startup_validation_naming_the_settings()
    {
        var services = new ServiceCollection().AddSentenceTransformerEmbeddingGenerator(options => options.MaxBatchSize = 8);
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SentenceTransformerOnnxOptions: Set exactly one of ModelDirectory", error.Message);
    }
}

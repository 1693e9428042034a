using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Providers.ColQwen.Onnx.Tests;

public class DeploymentOptionsTests
{
    [Fact]
    public async Task Saves_each_graph_optimised_and_loads_it_from_the_cache_on_the_next_start()
    {
        var cache = Directory.CreateTempSubdirectory("colqwen-optimised-");
        try
        {
            var options = Fixtures.TinyOptions(o => o.OptimizedModelCacheDirectory = cache.FullName);
            float[] first;
            using (var generator = new ColQwenOnnxQueryEmbeddingGenerator(options))
            {
                first = (await generator.GenerateAsync(["red box"]))[0].Vectors.ToArray();
            }

            // ONNX Runtime wrote the optimised graphs (ORT_ENABLE_ALL fuses nodes, so they differ from the sources).
            string[] written = cache.GetFiles("*.onnx").Select(file => file.Name).Order().ToArray();
            Assert.Equal(2, written.Length);
            Assert.StartsWith("decoder.cpu.ORT_ENABLE_ALL.ort-", written[0]);
            Assert.StartsWith("embed.cpu.ORT_ENABLE_ALL.ort-", written[1]);
            Assert.NotEqual(
                new FileInfo(Path.Combine(Fixtures.TinyModel, "decoder.onnx")).Length,
                new FileInfo(Path.Combine(cache.FullName, written[0])).Length);

            var logs = new FakeLogCollector();
            using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
            using var again = new ColQwenOnnxQueryEmbeddingGenerator(options, loggers);
            float[] second = (await again.GenerateAsync(["red box"]))[0].Vectors.ToArray();

            Assert.Equal(2, logs.GetSnapshot().Count(record => record.Message.Contains("is loaded from its optimised copy")));
            Assert.Equal(first, second);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void Refuses_a_negative_GPU_memory_limit()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ColQwenOnnxModel(Fixtures.TinyOptions(o => o.GpuMemoryLimitBytes = -1)));

        Assert.Contains("GpuMemoryLimitBytes", error.Message);
    }
}

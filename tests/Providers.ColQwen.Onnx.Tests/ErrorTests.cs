using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using SkiaSharp;

namespace Providers.ColQwen.Onnx.Tests;

[Collection(TinyModelCollection.Name)]
public class ErrorTests(TinyModelFixture model)
{
    [Fact]
    public async Task Names_the_page_that_is_not_an_image()
    {
        DataContent[] pages = [Png("page-56x84.png"), Png("not-an-image.png")];

        var error = await Assert.ThrowsAsync<PageImageException>(() => model.Pages.GenerateAsync(pages));

        Assert.Equal(1, error.InputIndex);
        Assert.Contains("is not a PNG, JPEG, WebP, GIF or BMP image", error.Message);
    }

    [Fact]
    public async Task Names_the_page_whose_data_is_truncated()
    {
        byte[] whole = Fixtures.Image("photo-120x90.png");
        DataContent[] pages = [Png("page-56x84.png"), new DataContent(whole.AsMemory(0, whole.Length / 2), "image/png")];

        var error = await Assert.ThrowsAsync<PageImageException>(() => model.Pages.GenerateAsync(pages));

        Assert.Equal(1, error.InputIndex);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task Refuses_a_page_narrower_than_28_pixels()
    {
        var error = await Assert.ThrowsAsync<PageImageException>(() => model.Pages.GenerateAsync([Png("too-narrow-20x100.png")]));

        Assert.Contains("20x100", error.Message);
    }

    [Fact]
    public async Task Refuses_a_page_more_than_200_times_longer_than_wide()
    {
        using var bitmap = new SKBitmap(6000, 29);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var error = await Assert.ThrowsAsync<PageImageException>(
            () => model.Pages.GenerateAsync([new DataContent(encoded.ToArray(), "image/png")]));

        Assert.Contains("aspect ratio", error.Message);
    }

    [Fact]
    public async Task Refuses_content_that_is_not_an_image()
    {
        var error = await Assert.ThrowsAsync<PageImageException>(
            () => model.Pages.GenerateAsync([new DataContent("%PDF-1.7"u8.ToArray(), "application/pdf")]));

        Assert.Contains("application/pdf", error.Message);
    }

    [Fact]
    public async Task Refuses_a_dimension_count_the_model_does_not_produce()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => model.Queries.GenerateAsync(["red box"], new EmbeddingGenerationOptions { Dimensions = 64 }));
    }

    [Fact]
    public void Names_a_model_folder_that_does_not_exist()
    {
        var error = Assert.Throws<ColQwenModelException>(() => new ColQwenOnnxModel(Fixtures.TinyOptions(o => o.ModelDirectory = "/no/such/model")));

        Assert.Contains("/no/such/model", error.Message);
    }

    [Fact]
    public async Task Names_a_graph_file_that_is_missing()
    {
        using var folder = Fixtures.CopyTinyModel();
        File.Delete(folder.Path("vision.onnx"));
        using var generator = new ColQwenOnnxPageEmbeddingGenerator(Fixtures.TinyOptions(o => o.ModelDirectory = folder.Directory));

        var error = await Assert.ThrowsAsync<ColQwenModelException>(() => generator.GenerateAsync([Png("page-56x84.png")]));

        Assert.Contains("vision.onnx", error.Message);
    }

    [Fact]
    public async Task Names_the_inputs_a_graph_lacks_when_the_files_are_swapped()
    {
        using var generator = new ColQwenOnnxPageEmbeddingGenerator(Fixtures.TinyOptions(o => o.VisionModelFile = "decoder.onnx"));

        var error = await Assert.ThrowsAsync<ColQwenModelException>(() => generator.GenerateAsync([Png("page-56x84.png")]));

        Assert.Contains("input 'pixel_values' is missing", error.Message);
    }

    [Fact]
    public async Task Names_an_output_dimension_that_differs_from_the_configured_one()
    {
        using var generator = new ColQwenOnnxQueryEmbeddingGenerator(Fixtures.TinyOptions(o => o.Dimensions = 64));

        var error = await Assert.ThrowsAsync<ColQwenModelException>(() => generator.GenerateAsync(["red box"]));

        Assert.Contains("has 128 dimensions; 64 are configured", error.Message);
    }

    [Fact]
    public async Task Names_a_graph_file_that_is_not_onnx()
    {
        using var folder = Fixtures.CopyTinyModel();
        File.WriteAllText(folder.Path("decoder.onnx"), "not a model");
        using var generator = new ColQwenOnnxQueryEmbeddingGenerator(Fixtures.TinyOptions(o => o.ModelDirectory = folder.Directory));

        var error = await Assert.ThrowsAsync<ColQwenModelException>(() => generator.GenerateAsync(["red box"]));

        Assert.Contains("decoder.onnx", error.Message);
    }

    [Fact]
    public async Task Refuses_a_contract_1_export_and_says_to_re_export()
    {
        using var folder = Fixtures.CopyTinyModel();
        // Same length, so the protobuf stays valid: the metadata now claims the old two-graph contract.
        byte[] graph = File.ReadAllBytes(folder.Path("decoder.onnx"));
        int at = graph.AsSpan().IndexOf("colqwen-onnx/2"u8);
        graph[at + "colqwen-onnx/".Length] = (byte)'1';
        File.WriteAllBytes(folder.Path("decoder.onnx"), graph);
        using var generator = new ColQwenOnnxQueryEmbeddingGenerator(Fixtures.TinyOptions(o => o.ModelDirectory = folder.Directory));

        var error = await Assert.ThrowsAsync<ColQwenModelException>(() => generator.GenerateAsync(["red box"]));

        Assert.Contains("colqwen-onnx/1 export", error.Message);
        Assert.Contains("re-export the model with tools/colqwen-onnx/export.py", error.Message);
    }

    [Fact]
    public async Task Fails_fast_naming_what_is_missing_when_CUDA_is_required_and_cannot_be_used()
    {
        using var generator = new ColQwenOnnxQueryEmbeddingGenerator(Fixtures.TinyOptions(o => o.ExecutionProvider = ColQwenExecutionProvider.Cuda));
        if (CudaProbe.Failure is not { } failure)
        {
            Assert.Equal(128, (await generator.GenerateAsync(["red box"]))[0].Dimensions); // a machine where CUDA works
            return;
        }

        var error = await Assert.ThrowsAsync<ColQwenModelException>(() => generator.GenerateAsync(["red box"]));

        Assert.Contains("CUDA was required for 'embed.onnx' but cannot be used", error.Message);
        Assert.Contains(failure.Expected, error.Message);
    }

    [Fact]
    public async Task Falls_back_to_the_CPU_logging_the_reason_and_the_cost_when_CUDA_cannot_be_used()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        using var generator = new ColQwenOnnxQueryEmbeddingGenerator(
            Fixtures.TinyOptions(o => o.ExecutionProvider = ColQwenExecutionProvider.Auto), loggers);

        await generator.GenerateAsync(["red box"]);

        var warnings = logs.GetSnapshot().Where(record => record.Level == LogLevel.Warning).ToList();
        if (CudaProbe.Failure is not { } failure)
        {
            Assert.Empty(warnings); // CUDA works here: nothing falls back
            return;
        }

        Assert.Equal(2, warnings.Count); // embed.onnx and decoder.onnx
        Assert.All(warnings, warning =>
        {
            Assert.Contains("falls back to the CPU", warning.Message);
            Assert.Contains(failure.Expected, warning.Message);
            Assert.Contains("MiB of graphs and weights are held in host memory and run on the CPU", warning.Message);
        });
    }

    [Fact]
    public async Task Refuses_calls_after_disposal()
    {
        var generator = new ColQwenOnnxQueryEmbeddingGenerator(Fixtures.TinyOptions());
        await generator.GenerateAsync(["red box"]);

        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["red box"]));
    }

    [Fact]
    public async Task Stops_when_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => model.Pages.GenerateAsync([Png("page-56x84.png")], cancellationToken: cancelled.Token));
    }

    private static DataContent Png(string name) => new(Fixtures.Image(name), "image/png");
}

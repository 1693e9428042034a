extern alias rag;

using System.Globalization;
using rag::Providers.Samples.Rag;
using SkiaSharp;

namespace Providers.Samples.Tests;

/// <summary>One offline run of the RAG sample with its default question, shared by the tests that read its output.</summary>
public sealed class RagSampleRun : IAsyncLifetime
{
    public string OutputDirectory { get; } = Path.Combine(Path.GetTempPath(), "rag-sample-" + Guid.NewGuid().ToString("N"));

    public string Output { get; private set; } = string.Empty;

    public async Task InitializeAsync() => Output = await RunAsync([], OutputDirectory);

    public Task DisposeAsync()
    {
        if (Directory.Exists(OutputDirectory))
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    public static async Task<string> RunAsync(string[] question, string outputDirectory)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        using var output = new StringWriter();
        int exitCode = await RagSample.RunAsync([.. question, "--output", outputDirectory], output, environment: _ => null);
        Assert.True(exitCode == 0, $"The sample exited with {exitCode}:\n{output}");
        return output.ToString();
    }
}

public sealed class RagSampleTests(RagSampleRun run) : IClassFixture<RagSampleRun>
{
    [Fact]
    public void Indexes_every_passage_and_page_with_a_progress_bar()
    {
        Assert.Contains("6 documents, each also rendered as a 620x877 page", run.Output);
        Assert.Matches(@"Indexing \[#{30}\] 12/12 in \d+\.\d s", run.Output);
    }

    [Fact]
    public void Retrieves_the_passage_that_shares_the_question_s_words_first()
    {
        Assert.Matches(@"Question: Where did Gutenberg build his printing press\?\r?\n\s+\d+\.\d\d\s+passage\s+The printing press", run.Output);
    }

    [Fact]
    public void Answers_from_the_best_source_and_cites_it()
    {
        Assert.Contains("Answer: [1] Johannes Gutenberg built the first movable-type printing press in Mainz around 1440.", run.Output);
        Assert.Contains("[1] The printing press (printing-press), cited", run.Output);
    }

    [Fact]
    public void Writes_a_heat_map_of_the_best_page_that_decodes_as_a_png()
    {
        string path = Path.Combine(run.OutputDirectory, "heatmap-printing-press.png");
        Assert.Contains($"query tokens): {path}", run.Output);
        using var codec = SKCodec.Create(path);
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        using var bitmap = SKBitmap.Decode(codec);
        Assert.True(bitmap.Width > 620 && bitmap.Height > 877, $"The heat map is only {bitmap.Width}x{bitmap.Height}.");
    }

    [Fact]
    public async Task Answers_the_question_given_on_the_command_line()
    {
        string directory = Path.Combine(run.OutputDirectory, "bees");

        string output = await RagSampleRun.RunAsync(["How do bees tell their nest mates where food is?"], directory);

        Assert.Contains("Answer: [1] Honey bees tell their nest mates where food is with the waggle dance.", output);
        Assert.Contains("[1] The waggle dance (waggle-dance), cited", output);
        Assert.True(File.Exists(Path.Combine(directory, "heatmap-waggle-dance.png")));
    }
}

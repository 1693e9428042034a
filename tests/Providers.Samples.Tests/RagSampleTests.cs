using Providers.Samples.Rag;
using SkiaSharp;

namespace Providers.Samples.Tests;

public sealed class RagSampleTests : IDisposable
{
    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), "rag-sample-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Indexes_every_passage_and_page_with_a_progress_bar()
    {
        string output = await RunAsync();

        Assert.Contains("6 documents, each also rendered as a 620x877 page", output);
        Assert.Matches(@"Indexing \[#{30}\] 12/12 in \d+\.\d s", output);
    }

    [Fact]
    public async Task Retrieves_the_passage_that_shares_the_question_s_words_first()
    {
        string output = await RunAsync();

        Assert.Matches(@"Question: Where did Gutenberg build his printing press\?\r?\n\s+\d+\.\d\d\s+passage\s+The printing press", output);
    }

    [Fact]
    public async Task Answers_from_the_best_source_and_cites_it()
    {
        string output = await RunAsync();

        Assert.Contains("Answer: [1] Johannes Gutenberg built the first movable-type printing press in Mainz around 1440.", output);
        Assert.Contains("[1] The printing press (printing-press), cited", output);
    }

    [Fact]
    public async Task Answers_another_question_given_on_the_command_line()
    {
        string output = await RunAsync("How", "do", "bees", "tell", "their", "nest", "mates", "where", "food", "is?");

        Assert.Contains("Answer: [1] Honey bees tell their nest mates where food is with the waggle dance.", output);
        Assert.Contains("[1] The waggle dance (waggle-dance), cited", output);
    }

    [Fact]
    public async Task Writes_a_heat_map_of_the_best_page_that_decodes_as_a_png()
    {
        string output = await RunAsync();

        string path = Path.Combine(_outputDirectory, "heatmap-printing-press.png");
        Assert.Contains($"query tokens): {path}", output);
        using var codec = SKCodec.Create(path);
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        using var bitmap = SKBitmap.Decode(codec);
        Assert.True(bitmap.Width > 620 && bitmap.Height > 877, $"The heat map is only {bitmap.Width}x{bitmap.Height}.");
    }

    private async Task<string> RunAsync(params string[] question)
    {
        using var output = new StringWriter();
        int exitCode = await RagSample.RunAsync([.. question, "--output", _outputDirectory], output, environment: _ => null);
        Assert.True(exitCode == 0, $"The sample exited with {exitCode}:\n{output}");
        return output.ToString();
    }
}

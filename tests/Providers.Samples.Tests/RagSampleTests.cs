using System.Globalization;
using System.Text.RegularExpressions;
using Providers.Samples.Rag;
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
        var (exitCode, output) = await RunRawAsync([.. question, "--output", outputDirectory]);
        Assert.True(exitCode == 0, $"The sample exited with {exitCode}:\n{output}");
        return output;
    }

    public static async Task<(int ExitCode, string Output)> RunRawAsync(string[] args, Func<string, string?>? environment = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        using var output = new StringWriter();
        int exitCode = await RagSample.RunAsync(args, output, environment: environment ?? (_ => null));
        return (exitCode, output.ToString());
    }
}

public sealed class RagSampleTests(RagSampleRun run) : IClassFixture<RagSampleRun>
{
    [Fact]
    public void Embeds_passages_with_the_local_model_and_indexes_every_page_with_a_progress_bar()
    {
        Assert.Contains("Passages: sentence-transformers/all-MiniLM-L6-v2 on ONNX Runtime, in-process (10 documents)", run.Output);
        Assert.Contains("10 documents, each also rendered as a 620x877 page", run.Output);
        Assert.Matches(@"Indexing pages \[#{30}\] 10/10 in \d+\.\d s", run.Output);
    }

    [Fact]
    public void Ranks_passages_and_pages_each_on_their_own_scale_with_the_answering_passage_first()
    {
        Assert.Matches(@"Passages \(sentence-transformers/all-MiniLM-L6-v2; mean MaxSim per query token, relevant from 0\.50\):\r?\n\s+0\.\d\d\s+The printing press", run.Output);
        Assert.Contains("Pages (emulated ColQwen: stand-in vectors; MaxSim, its own scale, not mixed with passages):", run.Output);
    }

    [Fact]
    public void Answers_from_the_relevant_passage_cites_it_and_says_which_it_quoted()
    {
        Assert.Contains("Answer: [1] Johannes Gutenberg built the first movable-type printing press in Mainz around 1440.", run.Output);
        Assert.Contains("[1] The printing press (printing-press), cited", run.Output);
        Assert.DoesNotContain("[2]", run.Output);
        Assert.Contains("Quoted from [1] The printing press", run.Output);
    }

    [Fact]
    public void Writes_a_heat_map_of_the_best_page_whose_strongest_words_are_the_questions()
    {
        string path = Path.Combine(run.OutputDirectory, "heatmap-printing-press.png");
        Assert.Matches(@"best matches gut->Gutenberg 0\.9\d, press->press 0\.9\d", run.Output);
        Assert.Contains($"): {path}", run.Output);
        using var codec = SKCodec.Create(path);
        Assert.NotNull(codec);
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        using var bitmap = SKBitmap.Decode(codec);
        Assert.True(bitmap.Width > 620 && bitmap.Height > 877, $"The heat map is only {bitmap.Width}x{bitmap.Height}.");
    }

    [Theory]
    [InlineData("bees", "How do bees tell their nest mates where food is?", "Honey bees tell their nest mates where food is with the waggle dance.")]
    [InlineData("distance", "How does a dancing bee signal how far away the flowers are?", "The duration of the waggle run encodes the distance, roughly one second for each kilometre.")]
    public async Task Answers_the_question_given_on_the_command_line(string name, string question, string answer)
    {
        string directory = Path.Combine(run.OutputDirectory, name);

        string output = await RagSampleRun.RunAsync([question], directory);

        Assert.Contains($"Answer: [1] {answer}", output);
        Assert.Contains("[1] The waggle dance (waggle-dance), cited", output);
        Assert.True(File.Exists(Path.Combine(directory, "heatmap-waggle-dance.png")));
    }

    [Fact]
    public async Task Says_not_found_cites_nothing_and_draws_no_map_for_a_question_the_documents_cannot_answer()
    {
        string directory = Path.Combine(run.OutputDirectory, "france");

        string output = await RagSampleRun.RunAsync(["What is the capital of France?"], directory);

        Assert.Matches(@"Not found: no passage reaches the relevance threshold 0\.50 \(best: 0\.[0-4]\d", output);
        Assert.DoesNotContain("Sources:", output);
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFiles(directory).Any());
    }
}

/// <summary>One offline run of the RAG sample's <c>--evaluate</c>, shared by the tests that read its totals.</summary>
public sealed class RagEvaluationRun : IAsyncLifetime
{
    public int ExitCode { get; private set; }

    public string Output { get; private set; } = string.Empty;

    public async Task InitializeAsync() => (ExitCode, Output) = await RagSampleRun.RunRawAsync(["--evaluate"]);

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class RagEvaluationTests(RagEvaluationRun run) : IClassFixture<RagEvaluationRun>
{
    private const int MostNotFound = 3;

    [Fact]
    public void Retrieves_the_expected_document_first_for_at_least_95_percent_of_the_evaluation_questions()
    {
        var summary = Regex.Match(run.Output, @"Top-1: (\d+)/(\d+) \(\d+\.\d%\), MRR (\d\.\d{3}); not found: (\d+)/(\d+) unanswerable questions");
        Assert.True(run.ExitCode == 0 && summary.Success, run.Output);
        int first = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture), total = int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(total >= 20, $"only {total} questions");
        Assert.True(first >= 0.95 * total, summary.Value);
        Assert.Equal(summary.Groups[5].Value, summary.Groups[4].Value);
    }

    [Fact]
    public void Answers_every_evaluation_question_with_the_sentence_that_answers_it_or_says_it_could_not_find_it()
    {
        var summary = Regex.Match(run.Output, @"Answers: (\d+)/(\d+) quote the sentence that answers; not found: (\d+); wrong: (\d+)");
        Assert.True(run.ExitCode == 0 && summary.Success, run.Output);
        var wrong = Regex.Matches(run.Output, @"^\s+rank .*\r?\n\s+answer WRONG: .*$", RegexOptions.Multiline).Select(m => m.Value.Trim());
        int right = int.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture), total = int.Parse(summary.Groups[2].Value, CultureInfo.InvariantCulture);
        int notFound = int.Parse(summary.Groups[3].Value, CultureInfo.InvariantCulture);
        Assert.True(summary.Groups[4].Value == "0", $"{summary.Value}:\n{string.Join("\n", wrong)}");
        Assert.True(notFound <= MostNotFound, summary.Value);
        Assert.Equal(total, right + notFound);
        Assert.True(total >= 20, $"only {total} questions");
    }
}

public sealed class RagSampleCommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_the_usage_and_asks_nothing(string option)
    {
        var (exitCode, output) = await RagSampleRun.RunRawAsync([option]);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Usage: dotnet run --project samples/Rag --", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Question:", output);
    }

    [Fact]
    public async Task An_unknown_option_exits_2_with_one_line()
    {
        var (exitCode, output) = await RagSampleRun.RunRawAsync(["--bogus"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("Failed: unknown option '--bogus' (see --help).", output.Trim());
    }

    [Fact]
    public async Task An_output_option_without_its_folder_exits_2_with_one_line()
    {
        var (exitCode, output) = await RagSampleRun.RunRawAsync(["What causes the tides?", "--output"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("Failed: --output needs a folder after it.", output.Trim());
    }

    [Fact]
    public async Task A_failure_that_is_not_a_service_error_exits_2_with_one_line_and_no_stack_trace()
    {
        // SCIBOX_URL without SCIBOX_API_KEY: the sample's own configuration check throws InvalidOperationException.
        var (exitCode, output) = await RagSampleRun.RunRawAsync(
            ["--output", Path.GetTempPath()], name => name == "SCIBOX_URL" ? "http://127.0.0.1:9/" : null);

        string last = output.TrimEnd().Split('\n')[^1];
        Assert.Equal(2, exitCode);
        Assert.Equal("Failed: SCIBOX_URL is set, so SCIBOX_API_KEY must be set too.", last.Trim());
        Assert.DoesNotContain("   at ", output);
    }
}

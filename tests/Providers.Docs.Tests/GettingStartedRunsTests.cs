namespace Providers.Docs.Tests;

/// <summary>getting-started.md runs as written: each example starts the emulator and prints what its text block shows.</summary>
[Collection(nameof(ConsoleOutput))]
public sealed class GettingStartedRunsTests
{
    public static TheoryData<int> Examples => new(MarkdownExamples.In("docs/getting-started.md").Where(e => e.ShownOutput is not null).Select(e => e.Line));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task A_getting_started_example_prints_what_the_page_shows(int line)
    {
        var example = MarkdownExamples.In("docs/getting-started.md").Single(e => e.Line == line);
        var compiled = ExampleCompiler.Compile(example);
        Assert.True(compiled.Assembly is not null && compiled.IsProgram, $"{example}: {string.Join("; ", compiled.Errors)}");

        string output = await ExampleCompiler.RunAsync(compiled.Assembly);

        // The emulator picks a free port; the page writes it as <port>.
        string printed = System.Text.RegularExpressions.Regex.Replace(output, @"127\.0\.0\.1:\d+", "127.0.0.1:<port>").ReplaceLineEndings("\n");
        foreach (string shown in example.ShownOutput!.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(
                printed.Contains(shown.TrimEnd(), StringComparison.Ordinal),
                $"{example}: the page shows \"{shown.TrimEnd()}\", the example printed:\n{printed}");
        }
    }
}

/// <summary>Tests that redirect <see cref="Console.Out"/> run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput;

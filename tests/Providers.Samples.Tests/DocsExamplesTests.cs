using System.Text.RegularExpressions;

namespace Providers.Samples.Tests;

/// <summary>The C# examples in the docs are copied from the samples, which the other tests run; this keeps them so.</summary>
public sealed partial class DocsExamplesTests
{
    public static TheoryData<string> Documents => new() { "getting-started.md", "middleware.md", "semantic-kernel.md", "samples.md" };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_example_appears_verbatim_in_a_sample(string document)
    {
        string root = RepositoryRoot();
        var samples = Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Lines(File.ReadAllText(f)))
            .ToList();

        var examples = CSharpBlock().Matches(File.ReadAllText(Path.Combine(root, "docs", document))).Select(m => m.Groups["code"].Value).ToList();

        Assert.NotEmpty(examples);
        Assert.All(examples, example => Assert.True(
            samples.Any(sample => Contains(sample, Lines(example))),
            $"{document}: this example is not in any sample:\n{example}"));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Providers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Providers.sln was not found above the test's folder.");
    }

    private static List<string> Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static bool Contains(List<string> sample, List<string> example) =>
        Enumerable.Range(0, Math.Max(0, sample.Count - example.Count + 1)).Any(start => sample.Skip(start).Take(example.Count).SequenceEqual(example));

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

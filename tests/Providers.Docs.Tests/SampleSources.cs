namespace Providers.Docs.Tests;

/// <summary>
/// The C# files under samples/, the notebooks (samples/notebooks/*.cs, file-based apps) among them. An example copied
/// verbatim from one of them compiles (and runs, in Providers.Samples.Tests) as part of that sample, so it needs no
/// compiling of its own.
/// </summary>
public static class SampleSources
{
    private static readonly Lazy<IReadOnlyList<List<string>>> Files = new(() =>
        Directory.EnumerateFiles(Path.Combine(MarkdownExamples.RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Lines(File.ReadAllText(f)))
            .ToList());

    /// <summary>Gets whether the example's lines, trimmed and without blank ones, appear in this order in one sample.</summary>
    public static bool Contain(MarkdownExample example)
    {
        var lines = Lines(example.Code);
        return lines.Count > 0 && Files.Value.Any(sample => Enumerable.Range(0, Math.Max(0, sample.Count - lines.Count + 1))
            .Any(start => sample.Skip(start).Take(lines.Count).SequenceEqual(lines)));
    }

    private static List<string> Lines(string text) =>
        [.. text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
}

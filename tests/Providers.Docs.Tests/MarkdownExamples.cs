using System.Text.RegularExpressions;

namespace Providers.Docs.Tests;

/// <summary>One ```csharp block of a Markdown page, with the ```text block that shows its output, if one follows.</summary>
/// <param name="Document">The page, relative to the repository root.</param>
/// <param name="Line">The line of the block's opening fence.</param>
/// <param name="Code">The block's text.</param>
/// <param name="ShownOutput">The text block right after it, or null.</param>
public sealed record MarkdownExample(string Document, int Line, string Code, string? ShownOutput)
{
    /// <summary>The visible marker a block starts with when it is a fragment that is not meant to compile alone.</summary>
    public const string FragmentMarker = "// fragment:";

    /// <summary>Gets whether the block is marked as a fragment.</summary>
    public bool IsFragment => Code.TrimStart().StartsWith(FragmentMarker, StringComparison.Ordinal);

    /// <summary>Gets why the block is a fragment, as its marker says.</summary>
    public string FragmentReason => IsFragment ? Code.TrimStart()[FragmentMarker.Length..].Split('\n')[0].Trim() : "";

    /// <inheritdoc />
    public override string ToString() => $"{Document}:{Line}";
}

/// <summary>Finds the C# examples in README.md, docs/ and each package's readme.</summary>
public static partial class MarkdownExamples
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets every page that may hold examples, relative to the repository root.</summary>
    public static IEnumerable<string> Documents() =>
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Select(p => Path.GetRelativePath(RepositoryRoot, Path.Combine(RepositoryRoot, p)).Replace('\\', '/'));

    /// <summary>Reads the examples of one page.</summary>
    public static IReadOnlyList<MarkdownExample> In(string document)
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot, document)).ReplaceLineEndings("\n");
        var blocks = FencedBlock().Matches(text).ToList();
        var examples = new List<MarkdownExample>();
        for (int i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Groups["lang"].Value is not ("csharp" or "cs" or "c#"))
            {
                continue;
            }

            int line = text.AsSpan(0, blocks[i].Index).Count('\n') + 1;
            string? shown = i + 1 < blocks.Count
                && blocks[i + 1].Groups["lang"].Value == "text"
                && string.IsNullOrWhiteSpace(text[(blocks[i].Index + blocks[i].Length)..blocks[i + 1].Index])
                ? blocks[i + 1].Groups["code"].Value
                : null;
            examples.Add(new MarkdownExample(document, line, blocks[i].Groups["code"].Value, shown));
        }

        return examples;
    }

    [GeneratedRegex(@"^```(?<lang>[\w#+-]*)[^\n]*\n(?<code>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Providers.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No Providers.sln above {AppContext.BaseDirectory}.");
    }
}

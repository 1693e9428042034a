using System.Reflection;

namespace Providers.Samples.Rag;

/// <summary>A document of the bundled corpus: a short passage under a title.</summary>
/// <param name="Id">The document's file name without extension, e.g. <c>printing-press</c>.</param>
/// <param name="Title">The title, from the file's first line (<c># Title</c>).</param>
/// <param name="Text">The passage.</param>
internal sealed record SourceDocument(string Id, string Title, string Text)
{
    private const string ResourcePrefix = "Documents/";

    /// <summary>Loads the documents bundled with the sample (<c>samples/Rag/Documents/*.txt</c>), ordered by id.</summary>
    public static IReadOnlyList<SourceDocument> LoadBundled()
    {
        var assembly = typeof(SourceDocument).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => Parse(Path.GetFileNameWithoutExtension(name), Read(assembly, name)))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SourceDocument Parse(string id, string content)
    {
        var lines = content.ReplaceLineEndings("\n").Split('\n', 2);
        if (lines.Length < 2 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Document '{id}' must start with a '# Title' line followed by its text.");
        }

        return new SourceDocument(id, lines[0][2..].Trim(), lines[1].Trim());
    }
}

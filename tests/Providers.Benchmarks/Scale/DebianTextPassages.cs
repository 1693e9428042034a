using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Providers.Benchmarks.Scale;

/// <summary>
/// English passages from the documentation Debian packages install (<c>/usr/share/common-licenses</c>,
/// <c>/usr/share/doc/*</c>: copyright files, READMEs, changelogs and news, gzipped or not), cut into windows of
/// <see cref="WordsPerPassage"/> words, in file-name order so that every run sees the same corpus.
/// </summary>
internal static partial class DebianTextPassages
{
    public const int WordsPerPassage = 48;

    private static readonly string[] Roots = ["/usr/share/common-licenses", "/usr/share/doc"];

    public static List<string> Collect(int atLeast)
    {
        var passages = new List<string>(atLeast);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .Where(IsText)
            .Order(StringComparer.Ordinal))
        {
            string[] words = Words().Matches(Read(file)).Select(match => match.Value).ToArray();
            for (int start = 0; start + WordsPerPassage <= words.Length; start += WordsPerPassage)
            {
                string passage = string.Join(' ', words, start, WordsPerPassage);
                if (seen.Add(passage))
                {
                    passages.Add(passage);
                }
            }
        }

        return passages.Count >= atLeast
            ? passages
            : throw new InvalidOperationException($"The installed documentation yields {passages.Count} distinct passages; {atLeast} are needed.");
    }

    private static bool IsText(string path)
    {
        string name = Path.GetFileName(path);
        return name == "copyright"
            || name.StartsWith("README", StringComparison.Ordinal)
            || name.StartsWith("changelog", StringComparison.Ordinal)
            || name.StartsWith("NEWS", StringComparison.Ordinal)
            || name.EndsWith(".txt", StringComparison.Ordinal)
            || path.StartsWith("/usr/share/common-licenses/", StringComparison.Ordinal);
    }

    private static string Read(string path)
    {
        try
        {
            using Stream file = File.OpenRead(path);
            using Stream text = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(text);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return "";
        }
    }

    /// <summary>Words of letters (with inner apostrophes or hyphens) and numbers; e-mail addresses and markup fall apart into them.</summary>
    [GeneratedRegex(@"[A-Za-z][A-Za-z'\-]*|[0-9]+")]
    private static partial Regex Words();
}

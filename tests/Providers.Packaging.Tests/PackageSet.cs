using System.IO.Compression;
using System.Xml.Linq;

namespace Providers.Packaging.Tests;

/// <summary>
/// The packages `dotnet pack Providers.sln -c Release` wrote to artifacts/packages (.ci/run packs before it tests),
/// and the src projects they must come from.
/// </summary>
internal static class PackageSet
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PackageDirectory => Path.Combine(RepositoryRoot, "artifacts", "packages");

    /// <summary>Gets the name of every project under src/: each one is a package.</summary>
    public static IReadOnlyList<string> SourceProjects { get; } =
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Opens the newest package of a project, failing with what to run when none was packed.</summary>
    public static PackageFile Open(string id, string extension = ".nupkg")
    {
        Assert.True(
            Directory.Exists(PackageDirectory),
            $"No packages in {PackageDirectory}: run `dotnet pack Providers.sln -c Release` first (.ci/run does).");
        string? path = Directory.EnumerateFiles(PackageDirectory, $"{id}.*{extension}")
            .Where(p => IsVersionOf(id, Path.GetFileName(p), extension))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        Assert.True(path is not null, $"{id}: no {extension} in {PackageDirectory}; run `dotnet pack Providers.sln -c Release`.");
        return new PackageFile(path!);
    }

    // "Providers.Spirit.0.1.0.nupkg" is a version of Providers.Spirit, "Providers.Spirit.AspNetCore.0.1.0.nupkg" is not.
    private static bool IsVersionOf(string id, string fileName, string extension) =>
        fileName.Length > id.Length + 1 + extension.Length && char.IsAsciiDigit(fileName[id.Length + 1]);

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

/// <summary>One .nupkg or .snupkg: its entries and its nuspec.</summary>
internal sealed class PackageFile
{
    public PackageFile(string path)
    {
        Path = path;
        using var archive = ZipFile.OpenRead(path);
        Entries = archive.Entries.Select(e => e.FullName).ToList();
        var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = nuspec.Open();
        Metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public string Path { get; }

    public IReadOnlyList<string> Entries { get; }

    public XElement Metadata { get; }

    public bool IsTool => Metadata.Descendants().Any(e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");

    public string? Value(string element) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == element)?.Value;

    public XElement? Element(string element) => Metadata.Elements().FirstOrDefault(e => e.Name.LocalName == element);

    public IEnumerable<string> DependencyIds => Metadata.Descendants()
        .Where(e => e.Name.LocalName == "dependency")
        .Select(e => (string)e.Attribute("id")!);
}

namespace Providers.Packaging.Tests;

/// <summary>What a team that runs `dotnet add package` gets: each src project packed with its library, docs and metadata.</summary>
public sealed class PackageContentTests
{
    public static TheoryData<string> Packages => new(PackageSet.SourceProjects);

    [Fact]
    public void Every_src_project_is_packed_at_the_one_version_of_the_set()
    {
        var versions = PackageSet.SourceProjects.ToDictionary(id => id, id => PackageSet.Open(id).Value("version"));

        string prefix = System.Xml.Linq.XDocument.Load(Path.Combine(PackageSet.RepositoryRoot, "Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;
        Assert.NotEmpty(versions);
        Assert.Single(versions.Values.Distinct());
        Assert.StartsWith(prefix, versions.Values.First(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_package_holds_its_library_xml_docs_readme_and_licence(string id)
    {
        var package = PackageSet.Open(id);
        string folder = package.IsTool ? "tools/" : "lib/net10.0/";

        Assert.Contains(package.Entries, e => e.StartsWith(folder, StringComparison.Ordinal) && e.EndsWith($"/{id}.dll", StringComparison.Ordinal));
        Assert.Contains(package.Entries, e => e.StartsWith(folder, StringComparison.Ordinal) && e.EndsWith($"/{id}.xml", StringComparison.Ordinal));
        Assert.Contains("README.md", package.Entries);
        Assert.Contains("LICENSE", package.Entries);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_package_holds_no_test_assets(string id)
    {
        var package = PackageSet.Open(id);

        string[] testMarkers = [".Tests", "xunit", "testhost", "__snapshots__", "Fixtures/", ".trx", "Microsoft.TestPlatform"];
        Assert.All(package.Entries, entry => Assert.DoesNotContain(testMarkers, marker => entry.Contains(marker, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(package.DependencyIds, d => d.StartsWith("xunit", StringComparison.OrdinalIgnoreCase) || d == "Microsoft.NET.Test.Sdk");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_package_says_what_it_is_who_made_it_and_under_which_licence(string id)
    {
        var package = PackageSet.Open(id);

        string description = package.Value("description") ?? "";
        Assert.False(description is "" or "Package Description", $"{id}: the description is '{description}'.");
        Assert.False(string.IsNullOrWhiteSpace(package.Value("authors")), $"{id}: no authors.");
        Assert.Equal("MIT", package.Value("license"));
        Assert.Equal("expression", (string?)package.Element("license")?.Attribute("type"));
        Assert.Equal("README.md", package.Value("readme"));
        Assert.Contains("microsoft-extensions-ai", package.Value("tags") ?? "", StringComparison.Ordinal);
        Assert.StartsWith("https://", package.Value("projectUrl"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_package_names_its_repository_and_commit_for_SourceLink(string id)
    {
        var repository = PackageSet.Open(id).Element("repository");

        Assert.NotNull(repository);
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://github.com/", (string?)repository.Attribute("url"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", (string?)repository.Attribute("commit") ?? "");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_symbol_package_carries_the_pdb(string id)
    {
        var symbols = PackageSet.Open(id, ".snupkg");

        Assert.Contains(symbols.Entries, e => e.EndsWith($"/{id}.pdb", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_package_readme_shows_an_example_and_links_its_docs_page(string id)
    {
        string readme = File.ReadAllText(Path.Combine(PackageSet.RepositoryRoot, "src", id, "README.md"));

        Assert.StartsWith($"# {id}", readme, StringComparison.Ordinal);
        Assert.Contains("```csharp", readme, StringComparison.Ordinal);
        Assert.Matches(@"\(https://github\.com/[^)]+/docs/[a-z-]+\.md\)", readme);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void A_library_package_leaves_the_choice_of_native_assets_to_the_application(string id)
    {
        var package = PackageSet.Open(id);

        // The emulator is an application (run with `dotnet run` or installed as a tool): it runs where it is
        // installed and carries the natives it needs there.
        if (package.IsTool || id == "Providers.Emulator")
        {
            return;
        }

        Assert.DoesNotContain(package.DependencyIds, d => d.Contains(".NativeAssets.", StringComparison.Ordinal) || d == "Microsoft.ML.OnnxRuntime" || d == "Microsoft.ML.OnnxRuntime.Gpu");
    }
}

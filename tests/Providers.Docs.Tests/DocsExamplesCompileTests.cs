namespace Providers.Docs.Tests;

/// <summary>
/// Every C# block in README.md, docs/ and the package readmes compiles: on its own, with the usings it declares,
/// against this repository's packages; or as a verbatim excerpt of a sample, which builds and runs in its own tests.
/// A block that is deliberately a fragment (it continues the example above it, or shows a shape rather than a
/// program) starts with <c>// fragment: why</c>, visibly, and is left out.
/// </summary>
[Collection(nameof(ConsoleOutput))]
public sealed class DocsExamplesCompileTests
{
    public static TheoryData<string> Documents => new(MarkdownExamples.Documents());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_example_compiles_alone_or_says_why_it_is_a_fragment(string document)
    {
        var failures = new List<string>();
        foreach (var example in MarkdownExamples.In(document))
        {
            if (example.IsFragment)
            {
                if (example.FragmentReason.Length == 0)
                {
                    failures.Add($"{example}: a fragment marker must say why the block does not compile alone.");
                }

                continue;
            }

            if (SampleSources.Contain(example))
            {
                continue;
            }

            var result = ExampleCompiler.Compile(example);
            if (result.Errors.Count > 0)
            {
                failures.Add($"{example} does not compile (give it the usings and declarations it needs, copy it verbatim from a sample, or start it with "
                    + $"'{MarkdownExample.FragmentMarker} <why>' if it is a fragment on purpose):\n  "
                    + string.Join("\n  ", result.Errors));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_readme_and_getting_started_have_no_fragments()
    {
        var fragments = MarkdownExamples.In("README.md").Concat(MarkdownExamples.In("docs/getting-started.md")).Where(e => e.IsFragment);

        Assert.Empty(fragments);
    }
}

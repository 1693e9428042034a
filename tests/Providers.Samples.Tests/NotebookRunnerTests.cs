using Providers.Samples.Notebooks;

namespace Providers.Samples.Tests;

public sealed class NotebookRunnerTests
{
    [Fact]
    public async Task Without_a_name_lists_every_notebook()
    {
        using var output = new StringWriter();

        int exitCode = await NotebookRunner.RunAsync([], output, environment: _ => null);

        Assert.Equal(0, exitCode);
        Assert.All(NotebookRunner.All, notebook => Assert.Contains(notebook.Name, output.ToString()));
    }

    [Fact]
    public async Task An_unknown_name_fails_and_lists_the_notebooks()
    {
        using var output = new StringWriter();

        int exitCode = await NotebookRunner.RunAsync(["no-such-notebook"], output, environment: _ => null);

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no notebook named 'no-such-notebook'.", output.ToString());
        Assert.Contains("scibox-chat", output.ToString());
    }

    [Fact]
    public void Notebook_names_are_unique()
    {
        Assert.Equal(NotebookRunner.All.Count, NotebookRunner.All.Select(n => n.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}

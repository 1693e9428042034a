namespace Providers.Samples.Tests;

public sealed class NotebookBuildTests
{
    public static TheoryData<string> All => new(Notebooks.All);

    [Theory]
    [MemberData(nameof(All))]
    public async Task Every_notebook_builds_as_a_file_based_app(string name)
    {
        string assembly = await Notebooks.BuildAsync(Path.Combine(Notebooks.Directory, name + ".cs"));

        Assert.True(File.Exists(assembly), assembly);
    }

    [Fact]
    public void Every_notebook_says_how_to_run_it()
    {
        Assert.All(Notebooks.All, name =>
            Assert.Contains($"//   dotnet run samples/notebooks/{name}.cs", File.ReadAllText(Path.Combine(Notebooks.Directory, name + ".cs"))));
    }

    [Fact]
    public async Task A_notebook_that_does_not_compile_fails_with_the_compiler_s_message()
    {
        string folder = Directory.CreateTempSubdirectory("broken-notebook-").FullName;
        try
        {
            string file = Path.Combine(folder, "broken.cs");
            await File.WriteAllTextAsync(file, "Console.WriteLine(notDeclared);\n");

            var error = await Assert.ThrowsAsync<NotebookBuildException>(() => Notebooks.BuildAsync(file));

            Assert.StartsWith("broken.cs does not build:\n", error.Message, StringComparison.Ordinal);
            Assert.Contains("error CS0103: The name 'notDeclared' does not exist in the current context", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

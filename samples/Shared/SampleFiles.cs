namespace Providers.Samples;

/// <summary>The files that come with the notebooks, found beside the notebook's own <c>.cs</c> file.</summary>
public static class SampleFiles
{
    /// <summary>
    /// Gets the folder of the running notebook: a .NET 10 file-based app records its <c>.cs</c> file's folder as
    /// <c>EntryPointFileDirectoryPath</c>; any other program reads its files from its own folder.
    /// </summary>
    public static string NotebookDirectory =>
        AppContext.GetData("EntryPointFileDirectoryPath") as string ?? AppContext.BaseDirectory;

    /// <summary>Gets the full path of a bundled image (<c>samples/notebooks/images/</c>).</summary>
    /// <param name="name">The image's file name, e.g. <c>sunset.png</c>.</param>
    /// <returns>The path.</returns>
    public static string Image(string name) => Path.Combine(NotebookDirectory, "images", name);
}

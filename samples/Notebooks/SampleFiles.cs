namespace Providers.Samples.Notebooks;

/// <summary>The files that come with the notebooks.</summary>
internal static class SampleFiles
{
    /// <summary>Gets the full path of a bundled image (<c>samples/Notebooks/images/</c>, copied next to the program).</summary>
    public static string Image(string name) => Path.Combine(AppContext.BaseDirectory, "images", name);

    /// <summary>Gets the folder of the tiny random-weight ColQwen test model, copied next to the program.</summary>
    public static string TinyColQwenModel => Path.Combine(AppContext.BaseDirectory, "tiny-colqwen");
}

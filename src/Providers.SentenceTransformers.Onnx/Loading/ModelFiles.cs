namespace Providers.SentenceTransformers.Onnx.Loading;

/// <summary>Where a model's graph and vocabulary come from, and what its files or card say about it.</summary>
/// <param name="Source">The folder or assembly, for messages.</param>
/// <param name="ProviderUri">The folder's file URI, or <c>resource://{assembly}/</c>.</param>
/// <param name="Graph">The ONNX graph: a file path or the bytes of an embedded resource.</param>
/// <param name="Vocabulary">The WordPiece vocabulary in <c>vocab.txt</c> form, one token a line in id order.</param>
/// <param name="Card">Pooling, normalisation, length, casing and prompts.</param>
internal sealed record ModelFiles(string Source, Uri ProviderUri, GraphSource Graph, byte[] Vocabulary, ModelCard Card)
{
    /// <exception cref="SentenceTransformerModelException">The folder or assembly is missing, or lacks a file.</exception>
    public static ModelFiles Load(SentenceTransformerOnnxOptions options) =>
        string.IsNullOrWhiteSpace(options.ModelDirectory)
            ? PackagedModel.Load(options.ModelPackage!)
            : ModelFolder.Load(options.ModelDirectory);
}

/// <summary>An ONNX graph as a file path or as bytes.</summary>
internal sealed record GraphSource(string? Path, byte[]? Bytes);

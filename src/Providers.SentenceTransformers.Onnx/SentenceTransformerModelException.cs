namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// The model cannot be used: a file or embedded resource is missing or malformed, the graph lacks the inputs or the
/// output a BERT encoder has, a configuration asks for what this provider does not do, the requested execution
/// provider is unavailable, or the graph failed or produced non-finite numbers.
/// </summary>
public sealed class SentenceTransformerModelException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="modelSource">The folder, file or assembly at fault.</param>
    /// <param name="message">What is wrong, naming the file and the item.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SentenceTransformerModelException(string modelSource, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelSource = modelSource;
    }

    /// <summary>Gets the folder, file or assembly at fault.</summary>
    public string ModelSource { get; }
}

namespace Providers.ColQwen.Onnx;

/// <summary>
/// The model folder cannot be used: a file is missing, a graph does not follow the ColQwen ONNX contract (input
/// names, types, output dimension, metadata), the tokenizer lacks a special token, the requested execution provider
/// is unavailable, or a graph produced non-finite numbers.
/// </summary>
public sealed class ColQwenModelException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="modelPath">The folder or file at fault.</param>
    /// <param name="message">What is wrong, naming the file and the item.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ColQwenModelException(string modelPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelPath = modelPath;
    }

    /// <summary>Gets the folder or file at fault.</summary>
    public string ModelPath { get; }
}

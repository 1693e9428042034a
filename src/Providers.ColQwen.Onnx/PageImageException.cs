namespace Providers.ColQwen.Onnx;

/// <summary>A page of the batch cannot be embedded: it is not a decodable image, or its size is outside what Qwen2-VL accepts.</summary>
public sealed class PageImageException : ArgumentException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="inputIndex">The position of the page in the batch.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public PageImageException(int inputIndex, string message, Exception? innerException = null)
        : base($"Page {inputIndex}: {message}", "values", innerException)
    {
        InputIndex = inputIndex;
    }

    /// <summary>Gets the position of the failing page in the batch.</summary>
    public int InputIndex { get; }
}

namespace Providers.SentenceTransformers.Onnx;

/// <summary>Where ONNX Runtime runs the sentence-transformer graph.</summary>
public enum SentenceTransformerExecutionProvider
{
    /// <summary>CUDA when the application ships ONNX Runtime's GPU runtime and a GPU answers; otherwise CPU, with the reason logged.</summary>
    Auto,

    /// <summary>Always the CPU.</summary>
    Cpu,

    /// <summary>CUDA or nothing: loading fails with a <see cref="SentenceTransformerModelException"/> when CUDA cannot be used.</summary>
    Cuda,
}

namespace Providers.ColQwen.Onnx;

/// <summary>How ONNX Runtime's CUDA memory arena grows when it needs more memory.</summary>
public enum ColQwenArenaExtendStrategy
{
    /// <summary>Doubles each time (<c>kNextPowerOfTwo</c>, ONNX Runtime's default): few allocations, up to 2x the memory needed.</summary>
    NextPowerOfTwo,

    /// <summary>Grows by what is requested (<c>kSameAsRequested</c>): the least memory, more allocations while batch shapes vary.</summary>
    SameAsRequested,
}

/// <summary>How cuDNN chooses a convolution algorithm (ColQwen's only convolution is the vision tower's patch embedding).</summary>
public enum ColQwenCudnnConvolutionSearch
{
    /// <summary>cuDNN's heuristics (<c>HEURISTIC</c>): no benchmarking when a new page grid appears.</summary>
    Heuristic,

    /// <summary>Benchmarks every algorithm for each new input shape (<c>EXHAUSTIVE</c>, ONNX Runtime's default): slow for the first page of each grid.</summary>
    Exhaustive,

    /// <summary>cuDNN's default algorithm (<c>DEFAULT</c>), no search.</summary>
    Default,
}

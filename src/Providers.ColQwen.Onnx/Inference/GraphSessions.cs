using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>Opens a graph on CUDA when it can and is wanted, otherwise on the CPU, saying why.</summary>
internal static partial class GraphSessions
{
    private const string CudaProvider = "CUDAExecutionProvider";

    /// <exception cref="ColQwenModelException">The file cannot be loaded, or CUDA was required and cannot be used.</exception>
    public static InferenceSession Open(string path, ColQwenOnnxOptions options, ILogger logger)
    {
        if (options.ExecutionProvider != ColQwenExecutionProvider.Cpu)
        {
            string? reason = OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider)
                ? null
                : "the ONNX Runtime native library has no CUDA execution provider; reference Microsoft.ML.OnnxRuntime.Gpu instead of Microsoft.ML.OnnxRuntime";
            if (reason is null)
            {
                try
                {
                    var session = Create(path, options, cuda: true);
                    LogCuda(logger, Path.GetFileName(path), options.CudaDeviceId);
                    return session;
                }
                catch (OnnxRuntimeException e)
                {
                    reason = e.Message;
                }
            }

            if (options.ExecutionProvider == ColQwenExecutionProvider.Cuda)
            {
                throw new ColQwenModelException(path, $"CUDA was required for '{Path.GetFileName(path)}' but cannot be used: {reason}");
            }

            LogCpuFallback(logger, Path.GetFileName(path), reason);
        }

        try
        {
            var session = Create(path, options, cuda: false);
            LogCpu(logger, Path.GetFileName(path), options.IntraOpThreads);
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            throw new ColQwenModelException(path, $"ONNX Runtime cannot load '{path}': {e.Message}", e);
        }
    }

    private static InferenceSession Create(string path, ColQwenOnnxOptions options, bool cuda)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = options.GraphOptimizationLevel,
            IntraOpNumThreads = options.IntraOpThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (cuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
        }

        return new InferenceSession(path, sessionOptions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ColQwen graph {File} runs on CUDA device {DeviceId}.")]
    private static partial void LogCuda(ILogger logger, string file, int deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ColQwen graph {File} runs on the CPU ({Threads} intra-op threads; 0 = one per core).")]
    private static partial void LogCpu(ILogger logger, string file, int threads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ColQwen graph {File} falls back to the CPU: {Reason}")]
    private static partial void LogCpuFallback(ILogger logger, string file, string reason);
}

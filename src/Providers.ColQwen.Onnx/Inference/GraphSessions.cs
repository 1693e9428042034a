using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>Opens a graph on CUDA when it can and is wanted, otherwise on the CPU, saying why and what that costs.</summary>
internal static partial class GraphSessions
{
    private const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>What ONNX Runtime 1.31's CUDA provider links against (its libcublasLt.so.13, libcublas.so.13, libcudart.so.13).</summary>
    private const string CudaRequirement = "ONNX Runtime 1.31's CUDA provider needs CUDA 13 (NVIDIA driver 580 or newer) and cuDNN 9 on the library path";

    /// <param name="path">The graph file.</param>
    /// <param name="options">The model's options.</param>
    /// <param name="modelBytes">The size of the model folder, for the cost of a CPU fallback.</param>
    /// <param name="logger">Receives where the graph runs.</param>
    /// <param name="onCuda">Whether the session runs on CUDA.</param>
    /// <exception cref="ColQwenModelException">The file cannot be loaded, or CUDA was required and cannot be used.</exception>
    public static InferenceSession Open(string path, ColQwenOnnxOptions options, long modelBytes, ILogger logger, out bool onCuda)
    {
        string file = Path.GetFileName(path);
        if (options.ExecutionProvider != ColQwenExecutionProvider.Cpu)
        {
            string? reason = OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider)
                ? null
                : "the ONNX Runtime native library has no CUDA execution provider; reference Microsoft.ML.OnnxRuntime.Gpu instead of Microsoft.ML.OnnxRuntime";
            if (reason is null)
            {
                try
                {
                    var session = Create(path, options, cuda: true, logger);
                    LogCuda(logger, file, options.CudaDeviceId);
                    onCuda = true;
                    return session;
                }
                catch (OnnxRuntimeException e)
                {
                    reason = DescribeCudaFailure(e.Message);
                }
            }

            if (options.ExecutionProvider == ColQwenExecutionProvider.Cuda)
            {
                throw new ColQwenModelException(path, $"CUDA was required for '{file}' but cannot be used: {reason}");
            }

            LogCpuFallback(logger, file, reason, FormatSize(modelBytes));
        }

        try
        {
            var session = Create(path, options, cuda: false, logger);
            LogCpu(logger, file, options.IntraOpThreads);
            onCuda = false;
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            throw new ColQwenModelException(path, $"ONNX Runtime cannot load '{path}': {e.Message}", e);
        }
    }

    /// <summary>The CUDA provider options ONNX Runtime reads (names as in its <c>OrtCUDAProviderOptionsV2</c>).</summary>
    public static Dictionary<string, string> CudaProviderOptions(ColQwenOnnxOptions options)
    {
        var settings = new Dictionary<string, string>
        {
            ["device_id"] = options.CudaDeviceId.ToString(CultureInfo.InvariantCulture),
            ["arena_extend_strategy"] = options.ArenaExtendStrategy == ColQwenArenaExtendStrategy.SameAsRequested ? "kSameAsRequested" : "kNextPowerOfTwo",
            ["cudnn_conv_algo_search"] = options.CudnnConvolutionSearch switch
            {
                ColQwenCudnnConvolutionSearch.Exhaustive => "EXHAUSTIVE",
                ColQwenCudnnConvolutionSearch.Default => "DEFAULT",
                _ => "HEURISTIC",
            },
            ["use_tf32"] = options.UseTf32 ? "1" : "0",
        };
        if (options.GpuMemoryLimitBytes > 0)
        {
            settings["gpu_mem_limit"] = options.GpuMemoryLimitBytes.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>The CUDA provider options as ONNX Runtime holds them after reading ours (its <c>GetOptions()</c>, "key=value;...").</summary>
    /// <exception cref="OnnxRuntimeException">The CUDA provider library cannot be loaded.</exception>
    public static string CudaProviderOptionsAsApplied(ColQwenOnnxOptions options)
    {
        using var cudaOptions = new OrtCUDAProviderOptions();
        cudaOptions.UpdateOptions(CudaProviderOptions(options));
        return cudaOptions.GetOptions();
    }

    /// <summary>Where the optimised copy of a graph is cached: one file per execution provider, level and ONNX Runtime version.</summary>
    public static string OptimizedModelPath(string cacheDirectory, string path, ColQwenOnnxOptions options, bool cuda) =>
        Path.Combine(cacheDirectory, string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileNameWithoutExtension(path)}.{(cuda ? "cuda" : "cpu")}.{options.GraphOptimizationLevel}.ort-{OrtEnv.Instance().GetVersionString()}.onnx"));

    private static InferenceSession Create(string path, ColQwenOnnxOptions options, bool cuda, ILogger logger)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = options.GraphOptimizationLevel,
            IntraOpNumThreads = options.IntraOpThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (cuda)
        {
            using var cudaOptions = new OrtCUDAProviderOptions();
            cudaOptions.UpdateOptions(CudaProviderOptions(options));
            sessionOptions.AppendExecutionProvider_CUDA(cudaOptions);
        }

        string source = path;
        if (options.OptimizedModelCacheDirectory is { } cache)
        {
            string cached = OptimizedModelPath(cache, path, options, cuda);
            if (File.Exists(cached) && File.GetLastWriteTimeUtc(cached) >= File.GetLastWriteTimeUtc(path))
            {
                // Already optimised for this provider and level: loading it skips the rewrites.
                sessionOptions.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
                source = cached;
                LogCacheHit(logger, Path.GetFileName(path), cached);
            }
            else
            {
                Directory.CreateDirectory(cache);
                sessionOptions.OptimizedModelFilePath = cached;
                // Weights go to a file beside it, so that graphs over protobuf's 2 GB limit can be saved.
                sessionOptions.AddSessionConfigEntry("session.optimized_model_external_initializers_file_name", Path.GetFileName(cached) + ".weights");
                sessionOptions.AddSessionConfigEntry("session.optimized_model_external_initializers_min_size_in_bytes", "1024");
                LogCacheWrite(logger, Path.GetFileName(path), cached);
            }
        }

        return new InferenceSession(source, sessionOptions);
    }

    private static string DescribeCudaFailure(string message)
    {
        var missing = MissingLibrary().Match(message);
        return missing.Success
            ? $"{missing.Groups[1].Value} could not be loaded; {CudaRequirement}. ONNX Runtime said: {message.Trim()}"
            : $"{message.Trim()} ({CudaRequirement})";
    }

    private static string FormatSize(long bytes) => bytes >= 1 << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 30):F1} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1 << 20):F1} MiB");

    // dlopen's message: "... with error: libcublasLt.so.13: cannot open shared object file: No such file or directory".
    [GeneratedRegex(@"error: ([^\s:]+\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();

    [LoggerMessage(Level = LogLevel.Information, Message = "ColQwen graph {File} runs on CUDA device {DeviceId}.")]
    private static partial void LogCuda(ILogger logger, string file, int deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ColQwen graph {File} runs on the CPU ({Threads} intra-op threads; 0 = one per core).")]
    private static partial void LogCpu(ILogger logger, string file, int threads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ColQwen graph {File} falls back to the CPU: {Reason}. Cost: the model folder's {ModelSize} of graphs and weights are held in host memory and run on the CPU, one to two orders of magnitude slower than on a GPU.")]
    private static partial void LogCpuFallback(ILogger logger, string file, string reason, string modelSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "ColQwen graph {File} is loaded from its optimised copy {Cached}.")]
    private static partial void LogCacheHit(ILogger logger, string file, string cached);

    [LoggerMessage(Level = LogLevel.Information, Message = "ColQwen graph {File} is optimised and saved to {Cached} for the next start.")]
    private static partial void LogCacheWrite(ILogger logger, string file, string cached);
}

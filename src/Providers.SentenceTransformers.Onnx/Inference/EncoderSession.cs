using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Providers.SentenceTransformers.Onnx.Loading;

namespace Providers.SentenceTransformers.Onnx.Inference;

/// <summary>
/// One ONNX Runtime session over a BERT encoder graph (<c>input_ids</c>, <c>attention_mask</c>, optionally
/// <c>token_type_ids</c>; a <c>[batch, sequence, hidden]</c> output), on CUDA when wanted and possible. Thread-safe.
/// </summary>
internal sealed partial class EncoderSession : IDisposable
{
    private const string CudaProvider = "CUDAExecutionProvider";

    private readonly InferenceSession _session;
    private readonly string _source;
    private readonly string _output;
    private readonly bool _takesTokenTypes;

    private EncoderSession(InferenceSession session, string source, string output, int dimensions)
    {
        _session = session;
        _source = source;
        _output = output;
        _takesTokenTypes = session.InputMetadata.ContainsKey("token_type_ids");
        Dimensions = dimensions;
    }

    /// <summary>Gets the length of each token vector the graph produces.</summary>
    public int Dimensions { get; }

    /// <exception cref="SentenceTransformerModelException">The graph cannot be loaded, is not a BERT encoder, or CUDA was required and cannot be used.</exception>
    public static EncoderSession Open(ModelFiles files, SentenceTransformerOnnxOptions options, ILogger logger)
    {
        var session = Create(files, options, logger);
        var problems = new List<string>();
        foreach (string input in new[] { "input_ids", "attention_mask" })
        {
            if (!session.InputMetadata.TryGetValue(input, out var metadata) || metadata.ElementDataType != TensorElementType.Int64)
            {
                problems.Add($"it needs an int64 input '{input}'");
            }
        }

        // Exports name the token output last_hidden_state (optimum) or token_embeddings; some add a pooled output.
        var output = session.OutputMetadata.FirstOrDefault(entry =>
            entry.Value.ElementDataType == TensorElementType.Float && entry.Value.Dimensions.Length == 3 && entry.Value.Dimensions[2] > 0);
        if (output.Key is null)
        {
            problems.Add("it needs a float output of shape [batch, sequence, hidden] with a fixed hidden size");
        }

        if (problems.Count > 0)
        {
            session.Dispose();
            throw new SentenceTransformerModelException(files.Source, $"The graph of '{files.Source}' is not a BERT encoder: {string.Join("; ", problems)}.");
        }

        return new EncoderSession(session, files.Source, output.Key!, output.Value.Dimensions[2]);
    }

    /// <summary>Runs one right-padded batch and hands the <c>[batch, sequence, hidden]</c> output to <paramref name="read"/> before it is released.</summary>
    public void Run(TokenBatch batch, Action<ReadOnlySpan<float>> read, CancellationToken cancellationToken)
    {
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using var types = _takesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[batch.InputIds.Length], batch.Shape) : null;
        string[] names = types is null ? ["input_ids", "attention_mask"] : ["input_ids", "attention_mask", "token_type_ids"];
        OrtValue[] values = types is null ? [ids, mask] : [ids, mask, types];
        using var runOptions = new RunOptions();
        using (cancellationToken.Register(() => runOptions.Terminate = true))
        {
            try
            {
                using var outputs = _session.Run(runOptions, names, values, [_output]);
                read(outputs[0].GetTensorDataAsSpan<float>());
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (OnnxRuntimeException e)
            {
                throw new SentenceTransformerModelException(_source, $"Running the graph of '{_source}' failed: {e.Message}", e);
            }
        }
    }

    public void Dispose() => _session.Dispose();

    private static InferenceSession Create(ModelFiles files, SentenceTransformerOnnxOptions options, ILogger logger)
    {
        if (options.ExecutionProvider != SentenceTransformerExecutionProvider.Cpu)
        {
            string reason = "the ONNX Runtime native library has no CUDA execution provider; reference Microsoft.ML.OnnxRuntime.Gpu instead of Microsoft.ML.OnnxRuntime";
            if (OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
            {
                try
                {
                    var session = Create(files, options, cuda: true);
                    LogCuda(logger, files.Source, options.CudaDeviceId);
                    return session;
                }
                catch (OnnxRuntimeException e)
                {
                    reason = e.Message;
                }
            }

            if (options.ExecutionProvider == SentenceTransformerExecutionProvider.Cuda)
            {
                throw new SentenceTransformerModelException(files.Source, $"CUDA was required for '{files.Source}' but cannot be used: {reason}");
            }

            LogCpuFallback(logger, files.Source, reason);
        }

        try
        {
            var session = Create(files, options, cuda: false);
            LogCpu(logger, files.Source, options.IntraOpThreads);
            return session;
        }
        catch (OnnxRuntimeException e)
        {
            throw new SentenceTransformerModelException(files.Source, $"ONNX Runtime cannot load the graph of '{files.Source}': {e.Message}", e);
        }
    }

    private static InferenceSession Create(ModelFiles files, SentenceTransformerOnnxOptions options, bool cuda)
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

        return files.Graph.Bytes is { } bytes ? new InferenceSession(bytes, sessionOptions) : new InferenceSession(files.Graph.Path!, sessionOptions);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sentence-transformer model {Source} runs on CUDA device {DeviceId}.")]
    private static partial void LogCuda(ILogger logger, string source, int deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sentence-transformer model {Source} runs on the CPU ({Threads} intra-op threads; 0 = one per core).")]
    private static partial void LogCpu(ILogger logger, string source, int threads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentence-transformer model {Source} falls back to the CPU: {Reason}")]
    private static partial void LogCpuFallback(ILogger logger, string source, string reason);
}

using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>One loaded graph that follows the contract: one ONNX Runtime session, safe to run from many threads.</summary>
internal sealed class OnnxGraph : IDisposable
{
    private readonly InferenceSession _session;
    private readonly GraphContract _contract;
    private readonly string _path;
    private readonly OrtMemoryInfo? _device;

    private readonly OrtMemoryInfo? _pinned;

    private OnnxGraph(InferenceSession session, GraphContract contract, string path, OrtMemoryInfo? device, OrtMemoryInfo? pinned)
    {
        _session = session;
        _contract = contract;
        _path = path;
        _device = device;
        _pinned = pinned;
        InputAllocator = pinned is null ? null : new OrtAllocator(session, pinned);
    }

    /// <summary>Gets the graph's <c>colqwen.*</c> metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <summary>Gets the allocator of pinned host memory inputs are staged in (CUDA with device IO binding), or null.</summary>
    public OrtAllocator? InputAllocator { get; }

    /// <summary>Gets the file name, for messages.</summary>
    public string FileName => Path.GetFileName(_path);

    /// <summary>Gets the output's element type.</summary>
    public TensorElementType OutputType => _session.OutputMetadata[_contract.Output].ElementDataType;

    /// <summary>Gets the output's declared shape (-1 for a dynamic axis).</summary>
    public int[] OutputDimensions => _session.OutputMetadata[_contract.Output].Dimensions;

    /// <param name="path">The graph file.</param>
    /// <param name="contract">What the graph must look like.</param>
    /// <param name="options">The model's options.</param>
    /// <param name="modelBytes">The size of the model folder, for the cost of a CPU fallback.</param>
    /// <param name="logger">Receives where the graph runs.</param>
    /// <exception cref="ColQwenModelException">The file is missing, unloadable or departs from the contract.</exception>
    public static OnnxGraph Load(string path, GraphContract contract, ColQwenOnnxOptions options, long modelBytes, ILogger logger)
    {
        if (!File.Exists(path))
        {
            throw new ColQwenModelException(path, $"The {contract.Kind} graph '{path}' does not exist.");
        }

        var session = GraphSessions.Open(path, options, modelBytes, logger, out bool onCuda);
        var problems = contract.Check(session, options.Dimensions);
        if (problems.Count > 0)
        {
            session.Dispose();
            throw new ColQwenModelException(
                path, $"'{path}' does not follow the ColQwen ONNX contract for the {contract.Kind} graph: {string.Join("; ", problems)}.");
        }

        if (!onCuda || !options.UseDeviceIoBinding)
        {
            return new OnnxGraph(session, contract, path, device: null, pinned: null);
        }

        return new OnnxGraph(
            session, contract, path,
            new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, options.CudaDeviceId, OrtMemType.Default),
            new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA_PINNED, OrtAllocatorType.DeviceAllocator, options.CudaDeviceId, OrtMemType.CpuOutput));
    }

    /// <summary>Gets the element type the graph declares for an input.</summary>
    public TensorElementType InputType(string name) => _session.InputMetadata[name].ElementDataType;

    /// <summary>Gets an input's declared shape (-1 for a dynamic axis).</summary>
    public int[] InputDimensions(string name) => _session.InputMetadata[name].Dimensions;

    /// <summary>
    /// Runs the graph on inputs that wrap caller memory (no copies on the way in) and returns its output, in host
    /// memory (pinned under <see cref="ColQwenOnnxOptions.UseDeviceIoBinding"/> on CUDA), or left in GPU memory when
    /// <paramref name="feedsGraph"/> says the output goes straight into another graph.
    /// </summary>
    /// <returns>The output values; the caller disposes them.</returns>
    public IDisposableReadOnlyCollection<OrtValue> Run(
        IReadOnlyList<(string Name, OrtValue Value)> inputs, CancellationToken cancellationToken, bool feedsGraph = false)
    {
        using var runOptions = new RunOptions();
        using var binding = _session.CreateIoBinding();
        foreach (var (name, value) in inputs)
        {
            binding.BindInput(name, value);
        }

        binding.BindOutputToDevice(_contract.Output, (feedsGraph ? _device : _pinned) ?? OrtMemoryInfo.DefaultInstance);
        using (cancellationToken.Register(() => runOptions.Terminate = true))
        {
            try
            {
                _session.RunWithBinding(runOptions, binding);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ColQwenModelException(_path, $"Running '{FileName}' failed: {e.Message}", e);
            }
        }

        return binding.GetOutputValues();
    }

    public void Dispose()
    {
        InputAllocator?.Dispose();
        _session.Dispose();
        _device?.Dispose();
        _pinned?.Dispose();
    }
}

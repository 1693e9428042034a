using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>One loaded graph that follows the contract: one ONNX Runtime session, safe to run from many threads.</summary>
internal sealed class OnnxGraph : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _path;

    private OnnxGraph(InferenceSession session, string path)
    {
        _session = session;
        _path = path;
    }

    /// <summary>Gets the graph's <c>colqwen.*</c> metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    /// <exception cref="ColQwenModelException">The file is missing, unloadable or departs from the contract.</exception>
    public static OnnxGraph Load(string path, GraphContract contract, ColQwenOnnxOptions options, ILogger logger)
    {
        if (!File.Exists(path))
        {
            throw new ColQwenModelException(path, $"The {contract.Kind} graph '{path}' does not exist.");
        }

        var session = GraphSessions.Open(path, options, logger);
        var problems = contract.Check(session, options.Dimensions);
        if (problems.Count > 0)
        {
            session.Dispose();
            throw new ColQwenModelException(
                path, $"'{path}' does not follow the ColQwen ONNX contract for the {contract.Kind} graph: {string.Join("; ", problems)}.");
        }

        return new OnnxGraph(session, path);
    }

    /// <summary>
    /// Runs the graph on inputs that wrap caller memory (no copies on the way in) and hands the output's rows to
    /// <paramref name="read"/> before the native buffer is released.
    /// </summary>
    public void Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, Action<ReadOnlySpan<float>, long[]> read, CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using var binding = _session.CreateIoBinding();
        foreach (var (name, value) in inputs)
        {
            binding.BindInput(name, value);
        }

        binding.BindOutputToDevice(GraphContract.OutputName, OrtMemoryInfo.DefaultInstance);
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
                throw new ColQwenModelException(_path, $"Running '{Path.GetFileName(_path)}' failed: {e.Message}", e);
            }
        }

        using var outputs = binding.GetOutputValues();
        var output = outputs[0];
        read(output.GetTensorDataAsSpan<float>(), output.GetTensorTypeAndShape().Shape);
    }

    public void Dispose() => _session.Dispose();
}

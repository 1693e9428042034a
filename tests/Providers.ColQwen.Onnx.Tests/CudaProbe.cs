using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Providers.ColQwen.Onnx.Tests;

/// <summary>
/// Asks ONNX Runtime itself whether its CUDA provider can start here, so that the CUDA tests hold on a CPU-only
/// runtime, on the GPU runtime without CUDA libraries (what -p:OnnxRuntimeGpu=true gives on a machine without a GPU),
/// and on a GPU machine.
/// </summary>
internal static partial class CudaProbe
{
    private static readonly Lazy<CudaFailure?> Probe = new(Try);

    /// <summary>Gets why CUDA cannot be used here, or null when it can.</summary>
    public static CudaFailure? Failure => Probe.Value;

    private static CudaFailure? Try()
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
        {
            return new CudaFailure("no CUDA execution provider");
        }

        try
        {
            // Setting an option loads the CUDA provider library, which names the CUDA library it cannot find.
            using var cuda = new OrtCUDAProviderOptions();
            cuda.UpdateOptions(new Dictionary<string, string> { ["device_id"] = "0" });
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(cuda);
            return null;
        }
        catch (OnnxRuntimeException e)
        {
            var missing = MissingLibrary().Match(e.Message);
            return new CudaFailure(missing.Success ? $"{missing.Groups[1].Value} could not be loaded" : e.Message.Trim());
        }
    }

    [GeneratedRegex(@"(lib[\w.+-]+\.so[.\d]*): cannot open")]
    private static partial Regex MissingLibrary();

    /// <param name="Expected">What the library's message must contain.</param>
    public sealed record CudaFailure(string Expected);
}

using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// The ColQwen ONNX contract (version 1) a graph must follow: its inputs, its output and its metadata. The contract
/// is written down in docs/local-colqwen.md and produced by tools/colqwen-onnx/colqwen_contract.py.
/// </summary>
internal sealed class GraphContract
{
    public const string Version = "colqwen-onnx/1";
    public const string OutputName = "embeddings";

    private GraphContract(string kind, IReadOnlyList<(string Name, TensorElementType Type, int Rank)> inputs)
    {
        Kind = kind;
        Inputs = inputs;
    }

    public static GraphContract Document { get; } = new("document",
    [
        ("input_ids", TensorElementType.Int64, 2),
        ("attention_mask", TensorElementType.Int64, 2),
        ("position_ids", TensorElementType.Int64, 3),
        ("pixel_values", TensorElementType.Float, 3),
        ("vision_position_ids", TensorElementType.Int64, 2),
        ("window_index", TensorElementType.Int64, 1),
        ("window_segment_ids", TensorElementType.Int64, 1),
    ]);

    public static GraphContract Query { get; } = new("query",
    [
        ("input_ids", TensorElementType.Int64, 2),
        ("attention_mask", TensorElementType.Int64, 2),
        ("position_ids", TensorElementType.Int64, 3),
    ]);

    /// <summary>Gets "document" or "query", as the graph's <c>colqwen.graph</c> metadata says.</summary>
    public string Kind { get; }

    public IReadOnlyList<(string Name, TensorElementType Type, int Rank)> Inputs { get; }

    /// <summary>Returns every way the loaded graph departs from the contract (empty when it follows it).</summary>
    public List<string> Check(InferenceSession session, int dimensions)
    {
        var problems = new List<string>();
        var actual = session.InputMetadata;
        foreach (var (name, type, rank) in Inputs)
        {
            if (!actual.TryGetValue(name, out var input))
            {
                problems.Add($"input '{name}' is missing");
            }
            else if (input.ElementDataType != type || input.Dimensions.Length != rank)
            {
                problems.Add($"input '{name}' is {Describe(input)}; the contract wants {type} of rank {rank}");
            }
        }

        foreach (string extra in actual.Keys.Where(name => Inputs.All(input => input.Name != name)))
        {
            problems.Add($"input '{extra}' is not part of the contract");
        }

        if (!session.OutputMetadata.TryGetValue(OutputName, out var output))
        {
            problems.Add($"output '{OutputName}' is missing (outputs: {string.Join(", ", session.OutputMetadata.Keys)})");
        }
        else if (output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 3)
        {
            problems.Add($"output '{OutputName}' is {Describe(output)}; the contract wants Float of rank 3");
        }
        else if (output.Dimensions[2] > 0 && output.Dimensions[2] != dimensions)
        {
            problems.Add($"output '{OutputName}' has {output.Dimensions[2]} dimensions; {dimensions} are configured");
        }

        var metadata = session.ModelMetadata.CustomMetadataMap;
        if (!metadata.TryGetValue("colqwen.contract", out string? version) || version != Version)
        {
            problems.Add($"metadata 'colqwen.contract' is '{version}'; expected '{Version}' (export with tools/colqwen-onnx)");
        }

        if (metadata.TryGetValue("colqwen.graph", out string? kind) && kind != Kind)
        {
            problems.Add($"the file holds the {kind} graph, not the {Kind} graph");
        }

        if (ReadInt(metadata, "colqwen.dim") is { } dim && dim != dimensions)
        {
            problems.Add($"metadata 'colqwen.dim' is {dim}; {dimensions} are configured");
        }

        return problems;
    }

    /// <summary>Reads an integer metadata entry, or null when absent or not a number.</summary>
    public static int? ReadInt(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : null;

    private static string Describe(NodeMetadata node) =>
        $"{node.ElementDataType} [{string.Join(", ", node.Dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";
}

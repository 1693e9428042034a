using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// The ColQwen ONNX contract (version 2) a graph must follow: its inputs, its output and its metadata. The contract
/// is written down in docs/local-colqwen.md and produced by tools/colqwen-onnx/colqwen_contract.py: a vision graph,
/// an embedding graph and one decoder shared by pages and queries.
/// </summary>
internal sealed class GraphContract
{
    public const string Version = "colqwen-onnx/2";

    private GraphContract(string kind, IReadOnlyList<(string Name, bool Real, int Rank)> inputs, string output)
    {
        Kind = kind;
        Inputs = inputs;
        Output = output;
    }

    /// <summary>Gets the vision tower: pages of one grid to merged image tokens.</summary>
    public static GraphContract Vision { get; } = new("vision",
    [
        ("pixel_values", true, 3),
        ("vision_position_ids", false, 2),
        ("window_index", false, 1),
        ("window_patches", false, 2),
    ], "image_embeds");

    /// <summary>Gets the embedding lookup that also puts each row's image tokens in place.</summary>
    public static GraphContract Embed { get; } = new("embed",
    [
        ("input_ids", false, 2),
        ("image_embeds", true, 3),
    ], "inputs_embeds");

    /// <summary>Gets the language model with ColQwen's head, shared by pages and queries.</summary>
    public static GraphContract Decoder { get; } = new("decoder",
    [
        ("inputs_embeds", true, 3),
        ("attention_mask", false, 2),
        ("position_ids", false, 3),
    ], "embeddings");

    /// <summary>Gets "vision", "embed" or "decoder", as the graph's <c>colqwen.graph</c> metadata says.</summary>
    public string Kind { get; }

    /// <summary>Gets each input's name, whether it is real-valued (float32, float16 or bfloat16) or int64, and its rank.</summary>
    public IReadOnlyList<(string Name, bool Real, int Rank)> Inputs { get; }

    /// <summary>Gets the name of the graph's one output, real-valued and of rank 3.</summary>
    public string Output { get; }

    /// <summary>Returns every way the loaded graph departs from the contract (empty when it follows it).</summary>
    public List<string> Check(InferenceSession session, int dimensions)
    {
        var metadata = session.ModelMetadata.CustomMetadataMap;
        metadata.TryGetValue("colqwen.contract", out string? version);
        if (version != Version)
        {
            return [version == "colqwen-onnx/1"
                ? $"it is a {version} export (document.onnx + query.onnx, the language model twice); re-export the model with tools/colqwen-onnx/export.py for {Version}"
                : $"metadata 'colqwen.contract' is '{version}'; expected '{Version}' (export with tools/colqwen-onnx)"];
        }

        var problems = new List<string>();
        var actual = session.InputMetadata;
        foreach (var (name, real, rank) in Inputs)
        {
            if (!actual.TryGetValue(name, out var input))
            {
                problems.Add($"input '{name}' is missing");
            }
            else if (IsReal(input.ElementDataType) != real || (!real && input.ElementDataType != TensorElementType.Int64) || input.Dimensions.Length != rank)
            {
                problems.Add($"input '{name}' is {Describe(input)}; the contract wants {(real ? "Float, Float16 or BFloat16" : "Int64")} of rank {rank}");
            }
        }

        foreach (string extra in actual.Keys.Where(name => Inputs.All(input => input.Name != name)))
        {
            problems.Add($"input '{extra}' is not part of the contract");
        }

        if (!session.OutputMetadata.TryGetValue(Output, out var output))
        {
            problems.Add($"output '{Output}' is missing (outputs: {string.Join(", ", session.OutputMetadata.Keys)})");
        }
        else if (!IsReal(output.ElementDataType) || output.Dimensions.Length != 3)
        {
            problems.Add($"output '{Output}' is {Describe(output)}; the contract wants Float, Float16 or BFloat16 of rank 3");
        }
        else if (this == Decoder && output.Dimensions[2] > 0 && output.Dimensions[2] != dimensions)
        {
            problems.Add($"output '{Output}' has {output.Dimensions[2]} dimensions; {dimensions} are configured");
        }
        else if (this == Embed && output.Dimensions[2] <= 0)
        {
            problems.Add($"output '{Output}' must have a fixed hidden size");
        }

        if (metadata.TryGetValue("colqwen.graph", out string? kind) && kind != Kind)
        {
            problems.Add($"the file holds the {kind} graph, not the {Kind} graph");
        }

        if (this == Decoder && ReadInt(metadata, "colqwen.dim") is { } dim && dim != dimensions)
        {
            problems.Add($"metadata 'colqwen.dim' is {dim}; {dimensions} are configured");
        }

        return problems;
    }

    /// <summary>Whether the contract accepts the type for a real-valued tensor.</summary>
    public static bool IsReal(TensorElementType type) =>
        type is TensorElementType.Float or TensorElementType.Float16 or TensorElementType.BFloat16;

    /// <summary>Reads an integer metadata entry, or null when absent or not a number.</summary>
    public static int? ReadInt(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : null;

    private static string Describe(NodeMetadata node) =>
        $"{node.ElementDataType} [{string.Join(", ", node.Dimensions.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";
}

namespace Providers.Emulator.Models;

/// <summary>Looks up a model's embedding dimension by full id or by the id's last path segment.</summary>
internal sealed class EmbeddingDimensions(EmulatorOptions options)
{
    public bool TryGet(string? modelId, out int dimensions)
    {
        dimensions = 0;
        if (string.IsNullOrEmpty(modelId))
        {
            return false;
        }

        var table = options.EmbeddingDimensions;
        return table.TryGetValue(modelId, out dimensions)
            || table.TryGetValue(modelId[(modelId.LastIndexOf('/') + 1)..], out dimensions)
            || TryGetWithoutTag(modelId, table, out dimensions);
    }

    // Ollama names carry a tag ("nomic-embed-text:latest").
    private static bool TryGetWithoutTag(string modelId, IDictionary<string, int> table, out int dimensions)
    {
        var colon = modelId.IndexOf(':', StringComparison.Ordinal);
        dimensions = 0;
        return colon > 0 && table.TryGetValue(modelId[..colon], out dimensions);
    }
}

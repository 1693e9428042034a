using System.Text.Json;

namespace Providers.Core.Tests.Support;

/// <summary>Writes OpenAI-style embedding answers and reads OpenAI-style embedding requests, for loopback handlers.</summary>
internal static class EmbeddingsJson
{
    public static string Response(params float[][] vectors) => Response(vectors.Select((vector, index) => (index, vector)));

    public static string Response(IEnumerable<(int Index, float[] Vector)> items, object? usage = null) => JsonSerializer.Serialize(new
    {
        @object = "list",
        data = items.Select(item => new { @object = "embedding", index = item.Index, embedding = item.Vector }),
        model = "loopback-embedder",
        usage,
    });

    public static string[] Inputs(string requestBody)
    {
        using var document = JsonDocument.Parse(requestBody);
        return [.. document.RootElement.GetProperty("input").EnumerateArray().Select(input => input.GetString()!)];
    }
}

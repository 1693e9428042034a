using System.Text.Json.Serialization;

namespace Providers.Core.OpenAI;

/// <summary>The answer to an OpenAI-style <c>GET /models</c>: <c>{"object":"list","data":[{"id",..}]}</c>.</summary>
internal sealed class ModelListBody
{
    [JsonPropertyName("data")]
    public List<ModelBody>? Data { get; set; }
}

internal sealed class ModelBody
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("created")]
    public long? Created { get; set; }

    [JsonPropertyName("owned_by")]
    public string? OwnedBy { get; set; }
}

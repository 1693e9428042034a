using System.Text.Json.Nodes;

namespace Providers.Emulator.OpenAi;

/// <summary>The OpenAI <c>GET /v1/models</c> list.</summary>
internal static class ModelList
{
    public static JsonObject Build(IEnumerable<string> modelIds, string ownedBy, long created) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. modelIds.Select(id => (JsonNode)new JsonObject
        {
            ["id"] = id,
            ["object"] = "model",
            ["created"] = created,
            ["owned_by"] = ownedBy,
        })]),
    };
}

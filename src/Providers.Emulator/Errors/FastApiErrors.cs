using System.Text.Json.Nodes;

namespace Providers.Emulator.Errors;

/// <summary>FastAPI's <c>HTTPException</c>: <c>{"detail":"message"}</c>.</summary>
internal sealed class FastApiErrors : ErrorShape
{
    public static FastApiErrors Instance { get; } = new();

    public override JsonNode Body(int status, string message) => new JsonObject { ["detail"] = message };

    /// <summary>FastAPI's request-validation 422: <c>{"detail":[{"type","loc","msg","input"}]}</c>.</summary>
    public static JsonNode ValidationBody(string type, string field, string msg, JsonNode? input) => new JsonObject
    {
        ["detail"] = new JsonArray(new JsonObject
        {
            ["type"] = type,
            ["loc"] = new JsonArray("body", field),
            ["msg"] = msg,
            ["input"] = input?.DeepClone(),
        }),
    };
}

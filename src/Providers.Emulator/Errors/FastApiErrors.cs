using System.Text.Json.Nodes;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Errors;

/// <summary>FastAPI's <c>HTTPException</c>: <c>{"detail":"message"}</c>.</summary>
internal sealed class FastApiErrors : ErrorShape
{
    public static FastApiErrors Instance { get; } = new();

    public override JsonNode Body(int status, string message) => new JsonObject { ["detail"] = message };

    /// <summary>FastAPI's request-validation 422 for one body field: <c>{"detail":[{"type","loc","msg","input"}]}</c>.</summary>
    public static JsonNode ValidationBody(string type, string field, string msg, JsonNode? input) =>
        Validation([Error(type, ["body", field], msg, input)]);

    /// <summary>FastAPI's request-validation 422 listing every error pydantic found.</summary>
    public static JsonNode Validation(IEnumerable<JsonObject> errors) => new JsonObject { ["detail"] = new JsonArray([.. errors]) };

    /// <summary>One pydantic error; <paramref name="loc"/> holds strings and list indexes.</summary>
    public static JsonObject Error(string type, IEnumerable<JsonNode?> loc, string msg, JsonNode? input, JsonObject? ctx = null)
    {
        var error = new JsonObject
        {
            ["type"] = type,
            ["loc"] = new JsonArray([.. loc]),
            ["msg"] = msg,
            ["input"] = input?.DeepClone(),
        };
        if (ctx is not null)
        {
            error["ctx"] = ctx;
        }

        return error;
    }

    /// <summary>The 422 as a refusal the rejection middleware renders.</summary>
    public static RequestRejectedException Rejection(IReadOnlyList<JsonObject> errors) =>
        new(422, $"{errors.Count} validation error(s)", Validation(errors));
}

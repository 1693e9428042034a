using System.Text.Json.Nodes;

namespace Providers.Emulator.Errors;

/// <summary>
/// vLLM's OpenAI-server errors: <c>{"error":{"message","type","param":null,"code":400}}</c> in current versions,
/// <c>{"object":"error","message","type","param":null,"code":400}</c> in older ones.
/// </summary>
internal sealed class VllmErrors(bool legacyShape) : ErrorShape
{
    public override JsonNode Body(int status, string message)
    {
        var error = new JsonObject
        {
            ["message"] = message,
            ["type"] = TypeFor(status),
            ["param"] = null,
            ["code"] = status,
        };
        if (!legacyShape)
        {
            return new JsonObject { ["error"] = error };
        }

        error.Insert(0, "object", "error");
        return error;
    }

    private static string TypeFor(int status) => status switch
    {
        400 or 413 or 422 => "BadRequestError",
        401 => "AuthenticationError",
        404 => "NotFoundError",
        429 => "RateLimitError",
        503 => "ServiceUnavailableError",
        _ => "InternalServerError",
    };
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Providers.Emulator.Errors;

/// <summary>
/// LiteLLM proxy errors: <c>{"error":{"message":"litellm.RateLimitError: ..","type":..,"param":"None","code":"429"}}</c>,
/// with <c>code</c> a string and <c>param</c> the string "None", as current versions send them.
/// </summary>
internal sealed class LiteLlmErrors : ErrorShape
{
    public static LiteLlmErrors Instance { get; } = new();

    public override JsonNode Body(int status, string message) => new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["message"] = status == 401 ? message : $"litellm.{ExceptionName(status)}: {message}",
            ["type"] = TypeFor(status),
            ["param"] = "None",
            ["code"] = status.ToString(CultureInfo.InvariantCulture),
        },
    };

    private static string ExceptionName(int status) => status switch
    {
        400 or 413 or 422 => "BadRequestError",
        404 => "NotFoundError",
        408 => "Timeout",
        429 => "RateLimitError",
        503 => "ServiceUnavailableError",
        _ => "InternalServerError",
    };

    private static string TypeFor(int status) => status switch
    {
        400 or 404 or 413 or 422 => "invalid_request_error",
        401 => "auth_error",
        429 => "throttling_error",
        _ => "None",
    };
}

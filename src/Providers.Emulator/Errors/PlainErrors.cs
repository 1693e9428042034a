using System.Text.Json.Nodes;

namespace Providers.Emulator.Errors;

/// <summary><c>{"error":"message"}</c>, as Spirit-GPU, OVMS and Ollama answer.</summary>
internal sealed class PlainErrors : ErrorShape
{
    public static PlainErrors Instance { get; } = new();

    public override JsonNode Body(int status, string message) => new JsonObject { ["error"] = message };
}

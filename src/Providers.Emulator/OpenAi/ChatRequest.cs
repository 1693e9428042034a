using System.Text.Json.Nodes;

namespace Providers.Emulator.OpenAi;

/// <summary>One message of a chat request: its role, its text parts joined, and its image URLs.</summary>
internal sealed record ChatMessage(string Role, string Text, IReadOnlyList<string> ImageUrls);

/// <summary>A function the caller offers the model.</summary>
internal sealed record ChatTool(string Name, JsonObject? Parameters);

/// <summary>The parts of an OpenAI (or Ollama) chat request the stand-in model uses.</summary>
internal sealed record ChatRequest(
    string Model,
    IReadOnlyList<ChatMessage> Messages,
    bool Stream,
    bool IncludeUsage,
    int? MaxTokens,
    IReadOnlyList<ChatTool> Tools,
    JsonNode? ToolChoice,
    string? ReasoningEffort)
{
    public string LastUserText => Messages.LastOrDefault(m => m.Role == "user")?.Text ?? string.Empty;

    public int ImageCount => Messages.Sum(m => m.ImageUrls.Count);
}

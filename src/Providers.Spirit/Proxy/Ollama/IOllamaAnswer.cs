using System.Text.Json;

namespace Providers.Spirit;

/// <summary>What every Ollama answer and stream line shares: whether it is the last, and an error in place of it.</summary>
internal interface IOllamaAnswer
{
    bool Done { get; }

    JsonElement? Error { get; }
}

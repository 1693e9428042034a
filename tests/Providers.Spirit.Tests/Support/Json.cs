using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Spirit.Tests.Support;

/// <summary>JSON helpers for arranging inputs and reading what was sent.</summary>
internal static class Json
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static JsonElement Field(string json, string name) => Parse(json).GetProperty(name);
}

internal sealed record Prompt(string Text, int MaxTokens);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Prompt))]
[JsonSerializable(typeof(int[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

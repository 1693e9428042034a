using System.Text.Encodings.Web;
using System.Text.Json;

namespace Providers.Emulator.Hosting;

/// <summary>
/// How the emulator writes JSON: characters such as <c>+</c>, <c>"</c> in strings, backticks and non-ASCII text
/// go out as themselves, as the Python servers send them, rather than as <c>\uXXXX</c> escapes.
/// </summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

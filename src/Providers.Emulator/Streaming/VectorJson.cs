using System.Runtime.InteropServices;
using System.Text.Json;

namespace Providers.Emulator.Streaming;

/// <summary>
/// Writes vectors to JSON. A NaN is written as the bare <c>NaN</c> literal, as Python's <c>json.dumps</c> does,
/// since that is how a NaN really reaches a client.
/// </summary>
internal static class VectorJson
{
    public static void WriteFloats(Utf8JsonWriter writer, ReadOnlySpan<float> vector)
    {
        writer.WriteStartArray();
        foreach (var value in vector)
        {
            if (float.IsNaN(value))
            {
                writer.WriteRawValue("NaN", skipInputValidation: true);
            }
            else
            {
                writer.WriteNumberValue(value);
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the vector as base64 of its little-endian float32 bytes.</summary>
    public static void WriteBase64(Utf8JsonWriter writer, ReadOnlySpan<float> vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Base64 embeddings are little-endian float32.");
        }

        writer.WriteBase64StringValue(MemoryMarshal.AsBytes(vector));
    }

    public static void WriteMatrix(Utf8JsonWriter writer, IReadOnlyList<float[]> rows)
    {
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            WriteFloats(writer, row);
        }

        writer.WriteEndArray();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Spirit;

/// <summary>
/// Reads a job's <c>result</c>: documented as the handler's output in base64, decoded here straight from the JSON
/// token. A result sent as plain JSON instead (an object, array or number) is kept as that JSON's UTF-8 text.
/// </summary>
internal sealed class SpiritResultBytesJsonConverter : JsonConverter<byte[]>
{
    public override byte[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return reader.TryGetBytesFromBase64(out byte[]? bytes)
                    ? bytes
                    : throw new JsonException("The job's result is a string but not base64.");
            default:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return JsonSerializer.SerializeToUtf8Bytes(document.RootElement, SpiritJsonContext.Default.JsonElement);
                }
        }
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteBase64StringValue(value);
}

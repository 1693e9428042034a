using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Core;

/// <summary>
/// Reads and writes a <see cref="MultiVectorEmbedding"/> as
/// <c>{"dimensions":128,"vectors":[...flat...],"modelId":..,"createdAt":..,"imagePatches":{..}}</c>.
/// </summary>
/// <remarks>The flat array keeps the payload compact and lets the reader fill one buffer without per-row arrays.</remarks>
public sealed class MultiVectorEmbeddingJsonConverter : JsonConverter<MultiVectorEmbedding>
{
    /// <inheritdoc />
    public override MultiVectorEmbedding Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A multi-vector embedding must be a JSON object.");
        }

        int dimensions = 0;
        float[]? vectors = null;
        string? modelId = null;
        DateTimeOffset? createdAt = null;
        ImagePatchLayout? patches = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "dimensions":
                    dimensions = reader.GetInt32();
                    break;
                case "vectors":
                    vectors = ReadFloats(ref reader);
                    break;
                case "modelId":
                    modelId = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    break;
                case "createdAt":
                    createdAt = reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();
                    break;
                case "imagePatches":
                    patches = reader.TokenType == JsonTokenType.Null ? null : ReadPatches(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (vectors is null || dimensions <= 0)
        {
            throw new JsonException("A multi-vector embedding needs 'dimensions' and 'vectors'.");
        }

        try
        {
            return new MultiVectorEmbedding(vectors, dimensions) { ModelId = modelId, CreatedAt = createdAt, ImagePatches = patches };
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MultiVectorEmbedding value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("dimensions", value.Dimensions);
        writer.WriteStartArray("vectors");
        foreach (float f in value.Vectors.Span)
        {
            writer.WriteNumberValue(f);
        }

        writer.WriteEndArray();
        if (value.ModelId is not null)
        {
            writer.WriteString("modelId", value.ModelId);
        }

        if (value.CreatedAt is { } createdAt)
        {
            writer.WriteString("createdAt", createdAt);
        }

        if (value.ImagePatches is { } p)
        {
            writer.WriteStartObject("imagePatches");
            writer.WriteNumber("start", p.Start);
            writer.WriteNumber("length", p.Length);
            writer.WriteNumber("gridWidth", p.GridWidth);
            writer.WriteNumber("gridHeight", p.GridHeight);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static float[] ReadFloats(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("'vectors' must be an array of numbers.");
        }

        var values = new List<float>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(reader.GetSingle());
        }

        return values.ToArray();
    }

    private static ImagePatchLayout ReadPatches(ref Utf8JsonReader reader)
    {
        int start = 0, length = 0, gridWidth = 0, gridHeight = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "start": start = reader.GetInt32(); break;
                case "length": length = reader.GetInt32(); break;
                case "gridWidth": gridWidth = reader.GetInt32(); break;
                case "gridHeight": gridHeight = reader.GetInt32(); break;
                default: reader.Skip(); break;
            }
        }

        return new ImagePatchLayout(start, length, gridWidth, gridHeight);
    }
}

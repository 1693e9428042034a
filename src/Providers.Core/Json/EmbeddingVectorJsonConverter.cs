using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Core;

/// <summary>
/// Reads an embedding vector sent either as a JSON array of numbers or as a base64 string of little-endian float32
/// (OpenAI's <c>encoding_format: "base64"</c>), rejecting NaN and infinite values. Writes a JSON array.
/// </summary>
/// <remarks>A base64 vector is decoded straight into the result array, without an intermediate byte array.</remarks>
public sealed class EmbeddingVectorJsonConverter : JsonConverter<float[]>
{
    /// <inheritdoc />
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        float[] vector = reader.TokenType switch
        {
            JsonTokenType.StartArray => ReadArray(ref reader),
            JsonTokenType.String => ReadBase64(ref reader),
            _ => throw new JsonException($"An embedding must be an array of numbers or a base64 string, not {reader.TokenType}."),
        };

        // IsFiniteAll is false for an empty span, which has no value to blame.
        if (vector.Length > 0 && !System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(vector))
        {
            int index = Array.FindIndex(vector, v => !float.IsFinite(v));
            throw new JsonException($"The embedding holds a non-finite value ({vector[index]}) at dimension {index}.");
        }

        return vector;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (float v in value)
        {
            writer.WriteNumberValue(v);
        }

        writer.WriteEndArray();
    }

    private static float[] ReadArray(ref Utf8JsonReader reader)
    {
        float[] buffer = ArrayPool<float>.Shared.Rent(1024);
        int count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    throw new JsonException($"An embedding array holds a {reader.TokenType} at dimension {count}.");
                }

                if (count == buffer.Length)
                {
                    float[] larger = ArrayPool<float>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                buffer[count++] = reader.GetSingle();
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static float[] ReadBase64(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ToFloats(reader.GetBytesFromBase64());
        }

        ReadOnlySpan<byte> base64 = reader.ValueSpan;
        int padding = base64.EndsWith("=="u8) ? 2 : base64.EndsWith("="u8) ? 1 : 0;
        int byteCount = base64.Length / 4 * 3 - padding;
        if (base64.Length % 4 != 0 || byteCount % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding of {base64.Length} characters is not a whole number of float32 values.");
        }

        var vector = new float[byteCount / sizeof(float)];
        var status = Base64.DecodeFromUtf8(base64, MemoryMarshal.AsBytes(vector.AsSpan()), out _, out int written);
        if (status != OperationStatus.Done || written != byteCount)
        {
            throw new JsonException("A base64 embedding is not valid base64.");
        }

        FixEndianness(vector);
        return vector;
    }

    private static float[] ToFloats(byte[] bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new JsonException($"A base64 embedding of {bytes.Length} bytes is not a whole number of float32 values.");
        }

        float[] vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        FixEndianness(vector);
        return vector;
    }

    private static void FixEndianness(float[] vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            var bits = MemoryMarshal.Cast<float, int>(vector.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }
    }
}

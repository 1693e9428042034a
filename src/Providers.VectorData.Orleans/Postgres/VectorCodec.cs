using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Postgres;

/// <summary>Encodes a record's vectors as the <c>bytea</c> PostgreSQL keeps, little-endian.</summary>
/// <remarks>
/// Per vector property: a tag (0 none, 1 single, 2 multi); a single vector is an int32 count and the floats; a
/// multi-vector adds its token dimensions, model id, creation time and image patch layout.
/// </remarks>
internal static class VectorCodec
{
    private const byte None = 0;
    private const byte Single = 1;
    private const byte Multi = 2;

    public static byte[] Encode(ShardVector?[] vectors)
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer, Encoding.UTF8);
        foreach (var vector in vectors)
        {
            if (vector is null)
            {
                writer.Write(None);
                continue;
            }

            writer.Write(vector.TokenDimensions == 0 ? Single : Multi);
            writer.Write(vector.Values.Length);
            writer.Write(MemoryMarshal.AsBytes(vector.Values.AsSpan()));
            if (vector.TokenDimensions == 0)
            {
                continue;
            }

            writer.Write(vector.TokenDimensions);
            writer.Write(vector.ModelId is not null);
            if (vector.ModelId is not null)
            {
                writer.Write(vector.ModelId);
            }

            writer.Write(vector.CreatedAt.HasValue);
            if (vector.CreatedAt is { } created)
            {
                writer.Write(created.UtcTicks);
                writer.Write((short)created.Offset.TotalMinutes);
            }

            writer.Write(vector.ImagePatches is not null);
            foreach (int value in vector.ImagePatches ?? [])
            {
                writer.Write(value);
            }
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes do not hold <paramref name="count"/> vectors.</exception>
    public static ShardVector?[] Decode(ReadOnlySpan<byte> bytes, int count, string key)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The vector encoding is little-endian.");
        }

        var vectors = new ShardVector?[count];
        int position = 0;
        try
        {
            for (int i = 0; i < count; i++)
            {
                byte tag = bytes[position++];
                if (tag == None)
                {
                    continue;
                }

                int length = ReadInt32(bytes, ref position);
                float[] values = MemoryMarshal.Cast<byte, float>(bytes.Slice(position, length * sizeof(float))).ToArray();
                position += length * sizeof(float);
                if (tag == Single)
                {
                    vectors[i] = new ShardVector { Values = values };
                    continue;
                }

                int dimensions = ReadInt32(bytes, ref position);
                string? modelId = bytes[position++] != 0 ? ReadString(bytes, ref position) : null;
                DateTimeOffset? createdAt = null;
                if (bytes[position++] != 0)
                {
                    long ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes[position..]);
                    short offset = BinaryPrimitives.ReadInt16LittleEndian(bytes[(position + sizeof(long))..]);
                    position += sizeof(long) + sizeof(short);
                    createdAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset));
                }

                int[]? patches = null;
                if (bytes[position++] != 0)
                {
                    patches = new int[4];
                    for (int p = 0; p < patches.Length; p++)
                    {
                        patches[p] = ReadInt32(bytes, ref position);
                    }
                }

                vectors[i] = new ShardVector { Values = values, TokenDimensions = dimensions, ModelId = modelId, CreatedAt = createdAt, ImagePatches = patches };
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"The stored vectors of record {key} are truncated.");
        }

        return position == bytes.Length
            ? vectors
            : throw new InvalidDataException($"The stored vectors of record {key} hold {bytes.Length - position} bytes more than {count} vector properties.");
    }

    private static int ReadInt32(ReadOnlySpan<byte> bytes, ref int position)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]);
        position += sizeof(int);
        return value;
    }

    private static string ReadString(ReadOnlySpan<byte> bytes, ref int position)
    {
        // BinaryWriter.Write(string) prefixes the UTF-8 bytes with their length in 7-bit groups.
        int length = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte part = bytes[position++];
            length |= (part & 0x7F) << shift;
            if (part < 0x80)
            {
                break;
            }
        }

        string value = Encoding.UTF8.GetString(bytes.Slice(position, length));
        position += length;
        return value;
    }
}

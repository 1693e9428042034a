using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.VectorData.ProviderServices;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Storage;

namespace Providers.VectorData.Persistence;

/// <summary>
/// Saves and loads a collection's records.
/// </summary>
/// <remarks>
/// <para>Format version 1, all integers little-endian:</para>
/// <code>
/// "PVLATEIX"  magic, 8 bytes
/// int32       format version
/// block       schema: collection name, then per property (key, data, vector input, vector) its role, name, .NET
///             type and, for vectors, dimensions and kind; then the int64 record count
/// block × n   records: per view property its JSON value; per vector a tag (0 none, 1 single, 2 multi) and floats,
///             with token count, dimensions and embedding metadata for a multi-vector
/// 32 bytes    SHA-256 of everything before it
/// </code>
/// <para>
/// A block is an int32 length followed by that many bytes. Loading checks the whole file's hash before reading a
/// single record, so a damaged file is refused without changing anything.
/// </para>
/// </remarks>
internal static class CollectionFile
{
    public const int FormatVersion = 1;

    private const int HashLength = 32;
    private const int RecordsPerParallelChunk = 32;

    private static readonly JsonSerializerOptions JsonOptions = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static ReadOnlySpan<byte> Magic => "PVLATEIX"u8;

    private static int HeaderLength => Magic.Length + sizeof(int);

    [RequiresUnreferencedCode("Record values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Record values are serialized as JSON by reflection.")]
    public static async Task SaveAsync(string path, string collectionName, CollectionSchema schema, StoredRecord[] records, CancellationToken cancellationToken)
    {
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            using (var block = new MemoryStream())
            using (var writer = new BinaryWriter(block))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                await FlushAsync(block, hash, file, cancellationToken).ConfigureAwait(false);

                WriteBlock(writer, () => WriteSchema(writer, collectionName, schema, records.LongLength));
                await FlushAsync(block, hash, file, cancellationToken).ConfigureAwait(false);

                foreach (var record in records)
                {
                    WriteBlock(writer, () => WriteRecord(writer, schema, record));
                    await FlushAsync(block, hash, file, cancellationToken).ConfigureAwait(false);
                }

                await file.WriteAsync(hash.GetHashAndReset(), cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    [RequiresUnreferencedCode("Record values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Record values are deserialized from JSON by reflection.")]
    public static async Task<List<StoredRecord>> LoadAsync(
        string path, CollectionSchema schema, Func<object> createView, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await VerifyAsync(file, path, cancellationToken).ConfigureAwait(false);

        long end = file.Length - HashLength;
        file.Position = HeaderLength;
        long count;
        using (var reader = new BinaryReader(new MemoryStream(await ReadBlockAsync(file, end, path, cancellationToken).ConfigureAwait(false))))
        {
            count = ReadSchema(reader, schema, path);
        }

        var records = new List<StoredRecord>((int)Math.Min(count, 1 << 20));
        var chunk = new List<byte[]>(RecordsPerParallelChunk);
        for (long read = 0; read < count; read += chunk.Count)
        {
            chunk.Clear();
            while (chunk.Count < RecordsPerParallelChunk && read + chunk.Count < count)
            {
                chunk.Add(await ReadBlockAsync(file, end, path, cancellationToken).ConfigureAwait(false));
            }

            var parsed = new StoredRecord[chunk.Count];
            long first = read;
            ParallelRanges.ForEach(chunk.Count, maxDegreeOfParallelism, cancellationToken, (start, stop) =>
            {
                for (int i = start; i < stop; i++)
                {
                    parsed[i] = ReadRecord(chunk[i], schema, createView, path, first + i);
                }
            });
            records.AddRange(parsed);
        }

        if (file.Position != end)
        {
            throw Damaged(path, "it holds data after its last record");
        }

        return records;
    }

    private static void WriteBlock(BinaryWriter writer, Action write)
    {
        writer.Write(0);
        write();
        long length = writer.BaseStream.Length - sizeof(int);
        if (length > int.MaxValue)
        {
            throw new InvalidOperationException("A record is too large to save (more than 2 GiB).");
        }

        writer.Seek(0, SeekOrigin.Begin);
        writer.Write((int)length);
        writer.Seek(0, SeekOrigin.End);
    }

    private static async Task FlushAsync(MemoryStream block, IncrementalHash hash, FileStream file, CancellationToken cancellationToken)
    {
        var bytes = new ReadOnlyMemory<byte>(block.GetBuffer(), 0, (int)block.Length);
        hash.AppendData(bytes.Span);
        await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        block.SetLength(0);
    }

    private static void WriteSchema(BinaryWriter writer, string collectionName, CollectionSchema schema, long recordCount)
    {
        writer.Write(collectionName);
        var descriptors = Describe(schema);
        writer.Write(descriptors.Count);
        foreach (string descriptor in descriptors)
        {
            writer.Write(descriptor);
        }

        writer.Write(recordCount);
    }

    private static long ReadSchema(BinaryReader reader, CollectionSchema schema, string path)
    {
        _ = reader.ReadString();
        var saved = new string[reader.ReadInt32()];
        for (int i = 0; i < saved.Length; i++)
        {
            saved[i] = reader.ReadString();
        }

        var expected = Describe(schema);
        if (!saved.SequenceEqual(expected))
        {
            throw new InvalidDataException(
                $"The file '{path}' was saved from a collection with properties [{string.Join("; ", saved)}]; this collection has " +
                $"[{string.Join("; ", expected)}].");
        }

        long count = reader.ReadInt64();
        return count >= 0 ? count : throw Damaged(path, "its record count is negative");
    }

    /// <summary>Describes each property as the file records it, so that a file only loads into a collection of the same shape.</summary>
    private static List<string> Describe(CollectionSchema schema)
    {
        var descriptors = new List<string>();
        foreach (var property in schema.ViewProperties)
        {
            string role = property switch
            {
                KeyPropertyModel => "key",
                DataPropertyModel => "data",
                _ => "vector input",
            };
            descriptors.Add($"{role} {property.ModelName}: {property.Type}");
        }

        foreach (var column in schema.Columns)
        {
            descriptors.Add($"{(column.IsMultiVector ? "multi-vector" : "vector")} {column.Name}: {column.Dimensions}");
        }

        return descriptors;
    }

    private static void WriteRecord(BinaryWriter writer, CollectionSchema schema, StoredRecord record)
    {
        foreach (var property in schema.ViewProperties)
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(property.GetValueAsObject(record.View), property.Type, JsonOptions);
            writer.Write(json.Length);
            writer.Write(json);
        }

        foreach (var column in schema.Columns)
        {
            switch (record.Vectors[column.Ordinal])
            {
                case null:
                    writer.Write((byte)0);
                    break;

                case float[] vector:
                    writer.Write((byte)1);
                    writer.Write(vector.Length);
                    WriteFloats(writer, vector);
                    break;

                case StoredMultiVector multiVector:
                    writer.Write((byte)2);
                    writer.Write(multiVector.Document.TokenCount);
                    writer.Write(multiVector.Document.Dimensions);
                    WriteOptional(writer, multiVector.ModelId, static (w, id) => w.Write(id));
                    writer.Write(multiVector.CreatedAt.HasValue);
                    if (multiVector.CreatedAt is { } createdAt)
                    {
                        writer.Write(createdAt.UtcTicks);
                        writer.Write((short)createdAt.Offset.TotalMinutes);
                    }

                    WriteOptional(writer, multiVector.ImagePatches, static (w, patches) =>
                    {
                        w.Write(patches.Start);
                        w.Write(patches.Length);
                        w.Write(patches.GridWidth);
                        w.Write(patches.GridHeight);
                    });
                    WriteFloats(writer, multiVector.Document.ToArray());
                    break;
            }
        }
    }

    private static StoredRecord ReadRecord(byte[] block, CollectionSchema schema, Func<object> createView, string path, long index)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(block));
            object view = createView();
            foreach (var property in schema.ViewProperties)
            {
                byte[] json = reader.ReadBytes(reader.ReadInt32());
                property.SetValueAsObject(view, JsonSerializer.Deserialize(json, property.Type, JsonOptions));
            }

            object key = schema.Model.KeyProperty.GetValueAsObject(view) ?? throw Damaged(path, $"record {index} has no key");
            var vectors = new object?[schema.Columns.Length];
            foreach (var column in schema.Columns)
            {
                vectors[column.Ordinal] = ReadVector(reader, column, path, index);
            }

            return reader.BaseStream.Position == block.Length
                ? new StoredRecord(key, index, view, vectors)
                : throw Damaged(path, $"record {index} is longer than its contents");
        }
        catch (Exception e) when (e is JsonException or EndOfStreamException or ArgumentException or FormatException)
        {
            throw Damaged(path, $"record {index} cannot be read ({e.Message})", e);
        }
    }

    private static object? ReadVector(BinaryReader reader, VectorColumn column, string path, long index)
    {
        byte tag = reader.ReadByte();
        switch (tag)
        {
            case 0:
                return null;

            case 1 when !column.IsMultiVector:
                int length = reader.ReadInt32();
                return length == column.Dimensions
                    ? ReadFloats(reader, length)
                    : throw Damaged(path, $"record {index} has a {length}-dimensional '{column.Name}'");

            case 2 when column.IsMultiVector:
                int tokens = reader.ReadInt32();
                int dimensions = reader.ReadInt32();
                if (dimensions != column.Dimensions || tokens <= 0 || (long)tokens * dimensions * sizeof(float) > reader.BaseStream.Length)
                {
                    throw Damaged(path, $"record {index} has a '{column.Name}' of {tokens} x {dimensions}");
                }

                string? modelId = ReadOptional(reader, static r => r.ReadString());
                DateTimeOffset? createdAt = reader.ReadBoolean()
                    ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.ReadInt16()))
                    : null;
                ImagePatchLayout? patches = ReadOptional(reader, static r => new ImagePatchLayout(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32()));
                float[] values = ReadFloats(reader, tokens * dimensions);
                return new StoredMultiVector(MaxSimDocument.Create(values, dimensions, column.FirstStage), modelId, createdAt, patches);

            default:
                throw Damaged(path, $"record {index} has an unknown vector tag {tag} for '{column.Name}'");
        }
    }

    private static void WriteOptional<T>(BinaryWriter writer, T? value, Action<BinaryWriter, T> write)
        where T : class
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            write(writer, value);
        }
    }

    private static T? ReadOptional<T>(BinaryReader reader, Func<BinaryReader, T> read)
        where T : class
        => reader.ReadBoolean() ? read(reader) : null;

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        if (BitConverter.IsLittleEndian)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }

        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }

    /// <summary>Checks the magic, the version and the hash of the whole file.</summary>
    private static async Task VerifyAsync(FileStream file, string path, CancellationToken cancellationToken)
    {
        if (file.Length < HeaderLength + HashLength)
        {
            throw new InvalidDataException($"The file '{path}' is not a late-interaction collection file: it is too short.");
        }

        var header = new byte[HeaderLength];
        await file.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"The file '{path}' is not a late-interaction collection file.");
        }

        int version = BitConverter.ToInt32(header, Magic.Length);
        if (!BitConverter.IsLittleEndian)
        {
            version = BinaryPrimitives.ReverseEndianness(version);
        }

        if (version != FormatVersion)
        {
            throw new InvalidDataException(
                $"The file '{path}' has format version {version}; this version of Providers.VectorData reads version {FormatVersion}.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        var buffer = new byte[1 << 20];
        long remaining = file.Length - HashLength - HeaderLength;
        while (remaining > 0)
        {
            int read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw Damaged(path, "it ended while being read");
            }

            hash.AppendData(buffer, 0, read);
            remaining -= read;
        }

        var expected = new byte[HashLength];
        await file.ReadExactlyAsync(expected, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), expected))
        {
            throw Damaged(path, "its checksum does not match its contents (the file is truncated or corrupted)");
        }
    }

    private static async Task<byte[]> ReadBlockAsync(FileStream file, long end, string path, CancellationToken cancellationToken)
    {
        var prefix = new byte[sizeof(int)];
        if (file.Position + prefix.Length > end)
        {
            throw Damaged(path, "it ends before its last record");
        }

        await file.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
        int length = BitConverter.ToInt32(prefix);
        if (!BitConverter.IsLittleEndian)
        {
            length = BinaryPrimitives.ReverseEndianness(length);
        }

        if (length < 0 || file.Position + length > end)
        {
            throw Damaged(path, "a block runs past the end of the file");
        }

        var block = new byte[length];
        await file.ReadExactlyAsync(block, cancellationToken).ConfigureAwait(false);
        return block;
    }

    private static InvalidDataException Damaged(string path, string problem, Exception? inner = null)
        => new($"The collection file '{path}' is damaged: {problem}.", inner);
}

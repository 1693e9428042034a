using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Storage;

namespace Providers.VectorData.Persistence;

/// <summary>
/// Saves and loads a collection's records, streaming: packed vectors go between their arrays and the file without
/// an intermediate copy, and a file is read once, verified as it is read.
/// </summary>
/// <remarks>
/// <para>Format version 4, all integers little-endian, strings as an int32 byte count and UTF-8:</para>
/// <code>
/// "PVLATEIX"  magic, 8 bytes
/// int32       format version
/// schema      collection name; int32 n and n property lines (role, name, .NET type or dimensions); int64 record count
/// record × n  per data property (key first) an int32 length and JSON; per vector property a tag: 0 none,
///             1 single (int32 length, floats), 2 multi (int32 tokens, int32 dimensions, embedding metadata, a byte
///             of packed forms: 1 single precision, 2 int8, 4 sign bits, 8 int4, 32 pooled summary (int32 vectors,
///             int8 words, scales);
///             then each form's packed bytes, in that order; the int8 words and the int8 scales each start on a
///             64-byte boundary of the file, after zero padding, and are followed by 64 zero bytes)
/// 16 bytes    XXH128 of everything before it
/// 16 bytes    XXH128 of the same without the int8 forms and their padding, which a mapped load may leave unread
/// </code>
/// <para>
/// The alignment lets a load leave the int8 forms in the file and map it (<see cref="MappedCollectionFile"/>), the
/// kernels reading them where they lie. Versions 2 (without alignment, read into memory) and 3 are still read; their
/// form 16, a MUVERA encoding, is passed over and a summary pooled from the tokens instead, and they end with one
/// SHA-256 of everything before it.
/// </para>
/// <para>
/// Packed forms are stored as the kernels read them, so that loading is a copy. Records are published only after
/// the whole file's hash has been checked, so a damaged file is refused without changing anything.
/// </para>
/// </remarks>
internal static class CollectionFile
{
    public const int FormatVersion = 4;

    /// <summary>The oldest version this build reads: version 2 lacks the alignment that mapping needs.</summary>
    public const int OldestFormatVersion = 2;

    /// <summary>Zero bytes after each aligned form, so that kernels may read past its end without leaving the file.</summary>
    private const int Slack = 64;

    private const byte Float32Form = 1;
    private const byte Int8Form = 2;
    private const byte BinaryForm = 4;
    private const byte Int4Form = 8;
    /// <summary>A MUVERA encoding of 2,048 floats, in versions 2 and 3 only: a load passes over it and pools a summary instead.</summary>
    private const byte RetiredEncodingForm = 16;
    private const int RetiredEncodingBytes = 2048 * sizeof(float);
    private const byte SummaryForm = 32;
    private const byte FormsBeforeSummaries = Float32Form | Int8Form | BinaryForm | Int4Form | RetiredEncodingForm;
    private const byte AllForms = Float32Form | Int8Form | BinaryForm | Int4Form | SummaryForm;

    private static readonly JsonSerializerOptions JsonOptions = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static ReadOnlySpan<byte> Magic => "PVLATEIX"u8;

    [RequiresUnreferencedCode("Record values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Record values are serialized as JSON by reflection.")]
    public static Task SaveAsync(string path, string collectionName, CollectionSchema schema, StoredRecord[] records, CancellationToken cancellationToken)
        => Task.Run(() => Save(path, collectionName, schema, records, cancellationToken), cancellationToken);

    [RequiresUnreferencedCode("Record values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Record values are deserialized from JSON by reflection.")]
    public static Task<List<StoredRecord>> LoadAsync(
        string path, CollectionSchema schema, Func<object> createView, MultiVectorIndexOptions index, bool mapInt8, bool verifyMapped, CancellationToken cancellationToken)
        => Task.Run(() => Load(path, schema, createView, index, mapInt8, verifyMapped, cancellationToken), cancellationToken);

    [RequiresUnreferencedCode("Record values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Record values are serialized as JSON by reflection.")]
    private static void Save(string path, string collectionName, CollectionSchema schema, StoredRecord[] records, CancellationToken cancellationToken)
    {
        ThrowIfBigEndian();
        string fullPath = Path.GetFullPath(path);
        AtomicFileReplacement.RemoveStale(fullPath);
        string? temporary = null;
        try
        {
            using (var file = AtomicFileReplacement.CreateTemporary(fullPath, out temporary))
            using (var writer = new HashingFileWriter(file))
            {
                writer.Write(Magic);
                writer.WriteInt32(FormatVersion);
                writer.WriteString(collectionName);
                writer.WriteInt32(schema.Shape.Count);
                foreach (string line in schema.Shape)
                {
                    writer.WriteString(line);
                }

                writer.WriteInt64(records.LongLength);
                var json = new ArrayBufferWriter<byte>();
                using var jsonWriter = new Utf8JsonWriter(json);
                foreach (var record in records)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteRecord(writer, schema, record, json, jsonWriter);
                }

                writer.Finish();
            }

            AtomicFileReplacement.Commit(temporary, fullPath);
        }
        catch
        {
            if (temporary is not null && File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw;
        }
    }

    [RequiresUnreferencedCode("Record values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Record values are deserialized from JSON by reflection.")]
    private static List<StoredRecord> Load(
        string path, CollectionSchema schema, Func<object> createView, MultiVectorIndexOptions index, bool mapInt8, bool verifyMapped, CancellationToken cancellationToken)
    {
        ThrowIfBigEndian();
        AtomicFileReplacement.RemoveStale(Path.GetFullPath(path));
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (file.Length < Magic.Length + sizeof(int) + HashingFileWriter.TrailerLength)
        {
            throw new InvalidDataException($"The file '{path}' is not a late-interaction collection file: it is too short.");
        }

        Span<byte> header = stackalloc byte[Magic.Length + sizeof(int)];
        file.ReadExactly(header);
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"The file '{path}' is not a late-interaction collection file.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(header[Magic.Length..]);
        if (version is < OldestFormatVersion or > FormatVersion)
        {
            throw new InvalidDataException(
                $"The file '{path}' has format version {version}; this version of Providers.VectorData reads versions {OldestFormatVersion} to {FormatVersion}.");
        }

        bool mapped = mapInt8 && version >= 3;
        bool skipsMappable = mapped && !verifyMapped && version >= 4;
        using var reader = version >= 4
            ? new HashingFileReader(file, header, ContentHash.XxHash128(), HashingFileWriter.TrailerLength, expectedAt: skipsMappable ? 16 : 0, skipsMappable)
            : new HashingFileReader(file, header, ContentHash.Sha256(), trailerLength: 32, expectedAt: 0, skipsMappable: false);
        var layout = new FileLayout(path, version >= 3, version >= 4, mapped ? MappedCollectionFile.Open(path) : null);
        List<StoredRecord> records;
        try
        {
            records = ReadContents(reader, schema, createView, index, layout, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or JsonException or ArgumentException or OverflowException)
        {
            // Damage anywhere can surface as any of these; the checksum says whether the file was damaged or crafted.
            if (!reader.VerifyRest())
            {
                throw ChecksumMismatch(path, e);
            }

            throw e as InvalidDataException ?? Damaged(path, e.Message, e);
        }

        if (!reader.VerifyRest())
        {
            throw ChecksumMismatch(path, null);
        }

        return records;
    }

    private static List<StoredRecord> ReadContents(
        HashingFileReader reader, CollectionSchema schema, Func<object> createView, MultiVectorIndexOptions index, FileLayout layout, CancellationToken cancellationToken)
    {
        string path = layout.Path;
        _ = reader.ReadString();
        int lineCount = reader.ReadInt32();
        if (lineCount < 0 || lineCount > reader.Remaining / sizeof(int))
        {
            throw Damaged(path, $"its schema claims {lineCount} properties");
        }

        var saved = new string[lineCount];
        for (int i = 0; i < saved.Length; i++)
        {
            saved[i] = reader.ReadString();
        }

        if (!saved.SequenceEqual(schema.Shape))
        {
            throw new InvalidDataException(
                $"The file '{path}' was saved from a collection with properties [{string.Join("; ", saved)}]; this collection has " +
                $"[{string.Join("; ", schema.Shape)}].");
        }

        long count = reader.ReadInt64();
        if (count < 0 || count > reader.Remaining)
        {
            throw Damaged(path, $"its record count {count} does not fit in the file");
        }

        var records = new List<StoredRecord>((int)Math.Min(count, 1 << 20));
        byte[] scratch = new byte[256];
        for (long i = 0; i < count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            records.Add(ReadRecord(reader, schema, createView, index, layout, i, ref scratch));
        }

        return reader.Remaining == 0 ? records : throw Damaged(path, "it holds data after its last record");
    }

    private static void WriteRecord(HashingFileWriter writer, CollectionSchema schema, StoredRecord record, ArrayBufferWriter<byte> json, Utf8JsonWriter jsonWriter)
    {
        foreach (var property in schema.ViewProperties)
        {
            json.ResetWrittenCount();
            jsonWriter.Reset(json);
            JsonSerializer.Serialize(jsonWriter, property.GetValueAsObject(record.View), property.Type, JsonOptions);
            jsonWriter.Flush();
            writer.WriteInt32(json.WrittenCount);
            writer.Write(json.WrittenSpan);
        }

        foreach (var column in schema.Columns)
        {
            switch (record.Vectors[column.Ordinal])
            {
                case null:
                    writer.WriteByte(0);
                    break;

                case float[] vector:
                    writer.WriteByte(1);
                    writer.WriteInt32(vector.Length);
                    writer.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
                    break;

                case StoredMultiVector multiVector:
                    WriteMultiVector(writer, multiVector);
                    break;
            }
        }
    }

    private static void WriteMultiVector(HashingFileWriter writer, StoredMultiVector multiVector)
    {
        var document = multiVector.Document;
        writer.WriteByte(2);
        writer.WriteInt32(document.TokenCount);
        writer.WriteInt32(document.Dimensions);
        writer.WriteBoolean(multiVector.ModelId is not null);
        if (multiVector.ModelId is { } modelId)
        {
            writer.WriteString(modelId);
        }

        writer.WriteBoolean(multiVector.CreatedAt.HasValue);
        if (multiVector.CreatedAt is { } createdAt)
        {
            writer.WriteInt64(createdAt.UtcTicks);
            writer.WriteInt16((short)createdAt.Offset.TotalMinutes);
        }

        writer.WriteBoolean(multiVector.ImagePatches is not null);
        if (multiVector.ImagePatches is { } patches)
        {
            writer.WriteInt32(patches.Start);
            writer.WriteInt32(patches.Length);
            writer.WriteInt32(patches.GridWidth);
            writer.WriteInt32(patches.GridHeight);
        }

        var forms = document.Forms;
        writer.WriteByte(FormsByte(forms));
        if (forms.Float32 is { } float32)
        {
            writer.Write(float32.Bytes);
        }

        if (forms.Int8 is { } int8)
        {
            writer.WriteMappableZeros(PaddingAt(writer.Position));
            writer.WriteMappable(int8.WordBytes);
            writer.WriteMappableZeros(Slack);
            writer.WriteMappableZeros(PaddingAt(writer.Position));
            writer.WriteMappable(int8.ScaleBytes);
            writer.WriteMappableZeros(Slack);
        }

        if (forms.Binary is { } binary)
        {
            writer.Write(binary.Bytes);
        }

        if (forms.Int4 is { } int4)
        {
            writer.Write(int4.CodeBytes);
            writer.Write(int4.ScaleBytes);
        }

        if (forms.Summary is { } summary)
        {
            writer.WriteInt32(summary.TokenCount);
            writer.Write(summary.WordBytes);
            writer.Write(summary.ScaleBytes);
        }
    }

    private static byte FormsByte(DocumentForms forms)
        => (byte)((forms.Float32 is null ? 0 : Float32Form)
            | (forms.Int8 is null ? 0 : Int8Form)
            | (forms.Binary is null ? 0 : BinaryForm)
            | (forms.Int4 is null ? 0 : Int4Form)
            | (forms.Summary is null ? 0 : SummaryForm));

    private static StoredRecord ReadRecord(
        HashingFileReader reader, CollectionSchema schema, Func<object> createView, MultiVectorIndexOptions index, FileLayout layout, long number, ref byte[] scratch)
    {
        string path = layout.Path;
        object view = createView();
        foreach (var property in schema.ViewProperties)
        {
            property.SetValueAsObject(view, JsonSerializer.Deserialize(reader.ReadSized(ref scratch), property.Type, JsonOptions));
        }

        object key = schema.Model.KeyProperty.GetValueAsObject(view) ?? throw Damaged(path, $"record {number} has no key");
        var vectors = new object?[schema.Columns.Length];
        foreach (var column in schema.Columns)
        {
            vectors[column.Ordinal] = ReadVector(reader, column, index, layout, number);
        }

        return new StoredRecord(key, number, schema, view, vectors);
    }

    private static object? ReadVector(HashingFileReader reader, VectorColumn column, MultiVectorIndexOptions index, FileLayout layout, long number)
    {
        string path = layout.Path;
        byte tag = reader.ReadByte();
        switch (tag)
        {
            case 0:
                return null;

            case 1 when !column.IsMultiVector:
                int length = reader.ReadInt32();
                if (length != column.Dimensions)
                {
                    throw Damaged(path, $"record {number} has a {length}-dimensional '{column.Name}'");
                }

                var values = new float[length];
                reader.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
                return values;

            case 2 when column.IsMultiVector:
                return ReadMultiVector(reader, column, index, layout, number);

            default:
                throw Damaged(path, $"record {number} has an unknown vector tag {tag} for '{column.Name}'");
        }
    }

    private static StoredMultiVector ReadMultiVector(HashingFileReader reader, VectorColumn column, MultiVectorIndexOptions index, FileLayout layout, long number)
    {
        string path = layout.Path;
        int tokens = reader.ReadInt32();
        int dimensions = reader.ReadInt32();
        if (dimensions != column.Dimensions || tokens <= 0)
        {
            throw Damaged(path, $"record {number} has a '{column.Name}' of {tokens} x {dimensions}");
        }

        string? modelId = reader.ReadBoolean() ? reader.ReadString() : null;
        DateTimeOffset? createdAt = reader.ReadBoolean()
            ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.ReadInt16()))
            : null;
        ImagePatchLayout? patches = reader.ReadBoolean()
            ? new ImagePatchLayout(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32())
            : null;

        byte forms = reader.ReadByte();
        long packedBytes = ((forms & Float32Form) != 0 ? (long)tokens * dimensions * sizeof(float) : 0)
            + ((forms & Int8Form) != 0 ? ((long)tokens * Int8Panels.QuadCount(dimensions) * sizeof(int)) + ((long)tokens * sizeof(float))
                + (layout.IsAligned ? 2 * Slack : 0) : 0)
            + ((forms & BinaryForm) != 0 ? (long)tokens * BinaryPanels.NibbleCount(dimensions) : 0)
            + ((forms & Int4Form) != 0 ? Int4Tokens.Bytes(tokens, dimensions) : 0)
            + ((forms & RetiredEncodingForm) != 0 ? RetiredEncodingBytes : 0)
            + ((forms & SummaryForm) != 0 ? sizeof(int) : 0);
        byte knownForms = layout.HasSummaries ? AllForms : FormsBeforeSummaries;
        if ((forms & (Float32Form | Int8Form | Int4Form)) == 0 || (forms & ~knownForms) != 0 || packedBytes > reader.Remaining)
        {
            throw Damaged(path, $"record {number} has a '{column.Name}' of {tokens} x {dimensions} in packed forms {forms} that do not fit the file");
        }

        var saved = new DocumentForms(
            (forms & Float32Form) != 0 ? Float32Panels.Allocate(tokens, dimensions) : null,
            (forms & Int8Form) != 0 && layout.Mapping is null ? Int8Panels.Allocate(tokens, dimensions) : null,
            (forms & BinaryForm) != 0 ? BinaryPanels.Allocate(tokens, dimensions) : null,
            (forms & Int4Form) != 0 ? Int4Tokens.Allocate(tokens, dimensions) : null,
            Summary: null);
        if (saved.Float32 is { } float32)
        {
            reader.ReadExactly(float32.Bytes);
        }

        if ((forms & Int8Form) != 0)
        {
            saved = saved with { Int8 = ReadInt8(reader, saved.Int8, layout, tokens, dimensions) };
        }

        if (saved.Binary is { } binary)
        {
            reader.ReadExactly(binary.Bytes);
        }

        if (saved.Int4 is { } int4)
        {
            reader.ReadExactly(int4.CodeBytes);
            reader.ReadExactly(int4.ScaleBytes);
        }

        if ((forms & RetiredEncodingForm) != 0)
        {
            reader.Skip(RetiredEncodingBytes);
        }

        if ((forms & SummaryForm) != 0)
        {
            saved = saved with { Summary = ReadSummary(reader, path, number, column.Name, dimensions) };
        }

        // Use the saved forms as they are when they include the ones this collection keeps; repack otherwise.
        var packing = index.Packing(column.FirstStage);
        var wanted = new DocumentForms(
            packing.Rescoring == MaxSimPrecision.Float32 ? saved.Float32 : null,
            packing.FirstStage == MaxSimPrecision.Int8 || packing.Rescoring == MaxSimPrecision.Int8 ? saved.Int8 : null,
            packing.FirstStage == MaxSimPrecision.Binary ? saved.Binary : null,
            packing.Rescoring == MaxSimPrecision.Int4 ? saved.Int4 : null,
            packing.PooledSummary ? saved.Summary : null);
        bool complete = (packing.Rescoring != MaxSimPrecision.Float32 || wanted.Float32 is not null)
            && (!(packing.FirstStage == MaxSimPrecision.Int8 || packing.Rescoring == MaxSimPrecision.Int8) || wanted.Int8 is not null)
            && (packing.FirstStage != MaxSimPrecision.Binary || wanted.Binary is not null)
            && (packing.Rescoring != MaxSimPrecision.Int4 || wanted.Int4 is not null);
        if (complete && packing.PooledSummary && wanted.Summary is null)
        {
            // A file saved before summaries existed, or without a candidate count: pool one from the tokens it holds.
            wanted = wanted with { Summary = SimHashPooling.For(dimensions).PoolToInt8(new MaxSimDocument(MaxSimPrecision.Float32, tokens, dimensions, saved).ToArray()) };
        }

        MaxSimDocument document = complete
            ? new MaxSimDocument(column.FirstStage, tokens, dimensions, wanted)
            : MaxSimDocument.Create(new MaxSimDocument(MaxSimPrecision.Float32, tokens, dimensions, saved).ToArray(), dimensions, packing);
        return new StoredMultiVector(document, modelId, createdAt, patches);
    }

    private static Int8Panels ReadSummary(HashingFileReader reader, string path, long number, string property, int dimensions)
    {
        int count = reader.ReadInt32();
        long bytes = (long)count * ((Int8Panels.QuadCount(dimensions) * sizeof(int)) + sizeof(float));
        if (count is <= 0 or > SimHashPooling.MaxVectors || bytes > reader.Remaining)
        {
            throw Damaged(path, $"record {number} has a '{property}' summary of {count} vectors");
        }

        var summary = Int8Panels.Allocate(count, dimensions);
        reader.ReadExactly(summary.WordBytes);
        reader.ReadExactly(summary.ScaleBytes);
        return summary;
    }

    /// <summary>Reads the int8 form into <paramref name="panels"/>, or, with a mapping, passes over it and returns panels over the mapped file.</summary>
    private static unsafe Int8Panels ReadInt8(HashingFileReader reader, Int8Panels? panels, FileLayout layout, int tokens, int dimensions)
    {
        long wordBytes = (long)tokens * Int8Panels.QuadCount(dimensions) * sizeof(int);
        long scaleBytes = (long)tokens * sizeof(float);
        long words = ReadAligned(reader, panels is null ? null : () => panels.WordBytes, wordBytes, layout);
        long scales = ReadAligned(reader, panels is null ? null : () => panels.ScaleBytes, scaleBytes, layout);
        return panels ?? Int8Panels.Over(
            layout.Mapping!.At(words, wordBytes + Slack), layout.Mapping.At(scales, scaleBytes + Slack), tokens, dimensions, layout.Mapping);
    }

    /// <summary>
    /// Reads one aligned form into the span <paramref name="destination"/> gives, or passes over it (hashing it)
    /// when there is none, with the padding before it and the slack after it in files that have them.
    /// </summary>
    /// <returns>The form's position in the file.</returns>
    private static long ReadAligned(HashingFileReader reader, Func<Span<byte>>? destination, long count, FileLayout layout)
    {
        if (layout.IsAligned)
        {
            reader.SkipMappable(PaddingAt(reader.Position));
        }

        long position = reader.Position;
        if (destination is null)
        {
            reader.SkipMappable(count);
        }
        else
        {
            reader.ReadExactly(destination());
        }

        if (layout.IsAligned)
        {
            reader.SkipMappable(Slack);
        }

        return position;
    }

    private static int PaddingAt(long position) => (int)((AlignedArray<int>.Alignment - (position % AlignedArray<int>.Alignment)) % AlignedArray<int>.Alignment);

    private static void ThrowIfBigEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Collection files store packed vectors little-endian; this machine is big-endian.");
        }
    }

    /// <summary>How a file being read lays out its forms, and the mapping that int8 forms are left in, if any.</summary>
    private sealed record FileLayout(string Path, bool IsAligned, bool HasSummaries, MappedCollectionFile? Mapping);

    private static InvalidDataException ChecksumMismatch(string path, Exception? inner)
        => Damaged(path, "its checksum does not match its contents (the file is truncated or corrupted)", inner);

    private static InvalidDataException Damaged(string path, string problem, Exception? inner = null)
        => new($"The collection file '{path}' is damaged: {problem}.", inner);
}

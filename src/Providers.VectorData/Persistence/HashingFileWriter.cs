using System.Buffers.Binary;
using System.Text;

namespace Providers.VectorData.Persistence;

/// <summary>
/// Writes little-endian values to a file through one reusable buffer, keeping two hashes: one of every byte, and one
/// of every byte except those written as <em>mappable</em> (the int8 forms a mapped load may leave unread).
/// </summary>
/// <remarks>Large spans (packed vectors) go straight from their arrays to the file: saving copies nothing per vector.</remarks>
internal sealed class HashingFileWriter : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly FileStream _file;
    private readonly ContentHash _everything = ContentHash.XxHash128();
    private readonly ContentHash _structure = ContentHash.XxHash128();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _bufferIsMappable;

    public HashingFileWriter(FileStream file)
    {
        _file = file;
    }

    /// <summary>Gets the number of bytes written so far, from the start of the file.</summary>
    public long Position { get; private set; }

    /// <summary>Gets the length of the trailer <see cref="Finish"/> writes: the hash of everything, then that of the structure.</summary>
    public static int TrailerLength => 32;

    public void Write(ReadOnlySpan<byte> bytes) => Write(bytes, mappable: false);

    /// <summary>Writes bytes that a mapped load may leave unread: they count in the first hash only.</summary>
    public void WriteMappable(ReadOnlySpan<byte> bytes) => Write(bytes, mappable: true);

    /// <summary>Writes zero bytes that a mapped load may leave unread.</summary>
    public void WriteMappableZeros(int count) => WriteZeros(count, mappable: true);

    public void WriteByte(byte value) => Write([value]);

    public void WriteZeros(int count) => WriteZeros(count, mappable: false);


    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt16(short value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(short)];
        BinaryPrimitives.WriteInt16LittleEndian(bytes, value);
        Write(bytes);
    }

    public void WriteInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        Write(bytes);
    }

    public void WriteInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        Write(bytes);
    }

    /// <summary>Writes an int32 byte count, then the UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        WriteInt32(Encoding.UTF8.GetByteCount(value));
        Write(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Writes the two hashes of everything written so far, then flushes the file to disk.</summary>
    public void Finish()
    {
        Flush();
        _file.Write(_everything.Finish());
        _file.Write(_structure.Finish());
        _file.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        _everything.Dispose();
        _structure.Dispose();
    }

    private void Write(ReadOnlySpan<byte> bytes, bool mappable)
    {
        Position += bytes.Length;
        bool direct = bytes.Length >= _buffer.Length / 4;
        if (direct || bytes.Length > _buffer.Length - _used || mappable != _bufferIsMappable)
        {
            Flush();
        }

        if (direct)
        {
            Hash(bytes, mappable);
            _file.Write(bytes);
            return;
        }

        _bufferIsMappable = mappable;
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void WriteZeros(int count, bool mappable)
    {
        Span<byte> zeros = stackalloc byte[64];
        zeros.Clear();
        for (; count > 0; count -= zeros.Length)
        {
            Write(zeros[..Math.Min(count, zeros.Length)], mappable);
        }
    }

    private void Hash(ReadOnlySpan<byte> bytes, bool mappable)
    {
        _everything.Append(bytes);
        if (!mappable)
        {
            _structure.Append(bytes);
        }
    }

    private void Flush()
    {
        Hash(_buffer.AsSpan(0, _used), _bufferIsMappable);
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Providers.VectorData.Persistence;

/// <summary>Writes little-endian values to a file through one reusable buffer, hashing every byte written.</summary>
/// <remarks>Large spans (packed vectors) go straight from their arrays to the file: saving copies nothing per vector.</remarks>
internal sealed class HashingFileWriter : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;

    public HashingFileWriter(FileStream file)
    {
        _file = file;
    }

    /// <summary>Gets the number of bytes written so far, from the start of the file.</summary>
    public long Position { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Position += bytes.Length;
        bool direct = bytes.Length >= _buffer.Length / 4;
        if (direct || bytes.Length > _buffer.Length - _used)
        {
            Flush();
        }

        if (direct)
        {
            _hash.AppendData(bytes);
            _file.Write(bytes);
            return;
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void WriteByte(byte value) => Write([value]);

    public void WriteZeros(int count)
    {
        Span<byte> zeros = stackalloc byte[64];
        zeros.Clear();
        for (; count > 0; count -= zeros.Length)
        {
            Write(zeros[..Math.Min(count, zeros.Length)]);
        }
    }

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

    /// <summary>Writes the hash of everything written so far, then flushes the file to disk.</summary>
    public void Finish()
    {
        Flush();
        _file.Write(_hash.GetHashAndReset());
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _hash.Dispose();

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }
}

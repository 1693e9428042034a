using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Providers.VectorData.Persistence;

/// <summary>
/// Reads little-endian values from a file up to its trailing hash, hashing every byte read, so that a file is read
/// once and verified as it is read.
/// </summary>
/// <remarks>
/// Large reads (packed vectors) go straight from the file into their destination arrays, past the buffer. Reading
/// past the end of the contents throws <see cref="EndOfStreamException"/>. A reader that skips mappable bytes
/// (<see cref="SkipMappable"/>) seeks over them unread and checks the hash that leaves them out.
/// </remarks>
internal sealed class HashingFileReader : IDisposable
{
    private const int BufferSize = 1 << 20;

    private readonly FileStream _file;
    private readonly ContentHash _hash;
    private readonly int _expectedAt;
    private readonly bool _skipsMappable;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly long _end;
    private long _consumed;
    private int _start;
    private int _available;
    private byte[]? _discard;

    /// <summary>Starts reading after <paramref name="header"/>, which the caller read to learn the format, and hashes it first.</summary>
    /// <param name="file">The file, positioned after the header.</param>
    /// <param name="header">The bytes already read.</param>
    /// <param name="hash">The hash the file's version uses.</param>
    /// <param name="trailerLength">The length of the trailer of hashes at the end of the file.</param>
    /// <param name="expectedAt">Where in the trailer the hash this reader checks starts.</param>
    /// <param name="skipsMappable">Whether <see cref="SkipMappable"/> seeks over bytes rather than reading and hashing them.</param>
    public HashingFileReader(FileStream file, ReadOnlySpan<byte> header, ContentHash hash, int trailerLength, int expectedAt, bool skipsMappable)
    {
        _file = file;
        _hash = hash;
        _expectedAt = expectedAt;
        _skipsMappable = skipsMappable;
        _end = file.Length - trailerLength;
        _hash.Append(header);
        _consumed = header.Length;
    }

    /// <summary>Gets the number of bytes read so far, from the start of the file.</summary>
    public long Position => _consumed;

    /// <summary>Gets the number of content bytes not read yet.</summary>
    public long Remaining => _end - _consumed;

    public void ReadExactly(Span<byte> destination)
    {
        if (destination.Length > Remaining)
        {
            throw new EndOfStreamException($"{destination.Length} bytes were expected where {Remaining} remain.");
        }

        int fromBuffer = Math.Min(_available, destination.Length);
        _buffer.AsSpan(_start, fromBuffer).CopyTo(destination);
        _start += fromBuffer;
        _available -= fromBuffer;
        var rest = destination[fromBuffer..];
        if (rest.Length >= _buffer.Length / 4)
        {
            _file.ReadExactly(rest);
        }
        else if (!rest.IsEmpty)
        {
            Fill(rest.Length);
            _buffer.AsSpan(_start, rest.Length).CopyTo(rest);
            _start += rest.Length;
            _available -= rest.Length;
        }

        _hash.Append(destination);
        _consumed += destination.Length;
    }

    public byte ReadByte()
    {
        Span<byte> value = stackalloc byte[1];
        ReadExactly(value);
        return value[0];
    }

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new FormatException($"A flag holds {other}, not 0 or 1."),
    };

    public short ReadInt16()
    {
        Span<byte> value = stackalloc byte[sizeof(short)];
        ReadExactly(value);
        return BinaryPrimitives.ReadInt16LittleEndian(value);
    }

    public int ReadInt32()
    {
        Span<byte> value = stackalloc byte[sizeof(int)];
        ReadExactly(value);
        return BinaryPrimitives.ReadInt32LittleEndian(value);
    }

    public long ReadInt64()
    {
        Span<byte> value = stackalloc byte[sizeof(long)];
        ReadExactly(value);
        return BinaryPrimitives.ReadInt64LittleEndian(value);
    }

    /// <summary>Reads an int32 byte count and that many bytes into <paramref name="scratch"/>, growing it if needed.</summary>
    public ReadOnlySpan<byte> ReadSized(ref byte[] scratch)
    {
        int length = ReadLength();
        if (scratch.Length < length)
        {
            scratch = new byte[Math.Max(length, scratch.Length * 2)];
        }

        ReadExactly(scratch.AsSpan(0, length));
        return scratch.AsSpan(0, length);
    }

    public string ReadString()
    {
        byte[] scratch = [];
        return Encoding.UTF8.GetString(ReadSized(ref scratch));
    }

    /// <summary>Reads and discards bytes, hashing them.</summary>
    public void Skip(long count)
    {
        _discard ??= new byte[1 << 16];
        while (count > 0)
        {
            int chunk = (int)Math.Min(count, _discard.Length);
            ReadExactly(_discard.AsSpan(0, chunk));
            count -= chunk;
        }
    }

    /// <summary>Passes over bytes the writer marked mappable: seeking, unhashed, if this reader skips them; else as <see cref="Skip"/>.</summary>
    public void SkipMappable(long count)
    {
        if (!_skipsMappable)
        {
            Skip(count);
            return;
        }

        if (count > Remaining)
        {
            throw new EndOfStreamException($"{count} bytes were expected where {Remaining} remain.");
        }

        int fromBuffer = (int)Math.Min(_available, count);
        _start += fromBuffer;
        _available -= fromBuffer;
        _file.Seek(count - fromBuffer, SeekOrigin.Current);
        _consumed += count;
    }

    /// <summary>Reads whatever content is left and returns whether the file matches its trailing hash.</summary>
    public bool VerifyRest()
    {
        Skip(Remaining);
        _file.Position = _end + _expectedAt;
        Span<byte> expected = stackalloc byte[_hash.Length];
        _file.ReadExactly(expected);
        return CryptographicOperations.FixedTimeEquals(_hash.Finish(), expected);
    }

    public void Dispose() => _hash.Dispose();

    private int ReadLength()
    {
        int length = ReadInt32();
        return length >= 0 && length <= Remaining
            ? length
            : throw new FormatException($"A length of {length} bytes does not fit in the {Remaining} bytes left.");
    }

    /// <summary>Moves what is left in the buffer to its start and reads until at least <paramref name="wanted"/> bytes are there.</summary>
    private void Fill(int wanted)
    {
        _buffer.AsSpan(_start, _available).CopyTo(_buffer);
        _start = 0;
        while (_available < wanted)
        {
            long left = _end - _file.Position;
            int read = _file.Read(_buffer, _available, (int)Math.Min(_buffer.Length - _available, left));
            if (read == 0)
            {
                throw new EndOfStreamException("The file ended while being read.");
            }

            _available += read;
        }
    }
}

using System.IO.Hashing;
using System.Security.Cryptography;

namespace Providers.VectorData.Persistence;

/// <summary>The checksum a collection file ends with: XXH128 from format version 4, SHA-256 before.</summary>
/// <remarks>
/// The checksum detects truncation and corruption; it is no seal against a crafted file, which the reader checks
/// for consistency anyway. XXH128 runs at memory speed, where SHA-256 held a load to about 1.5 GB/s.
/// </remarks>
internal abstract class ContentHash : IDisposable
{
    public abstract int Length { get; }

    public static ContentHash XxHash128() => new XxHash128Content();

    public static ContentHash Sha256() => new Sha256Content();

    public abstract void Append(ReadOnlySpan<byte> data);

    public abstract byte[] Finish();

    public virtual void Dispose()
    {
    }

    private sealed class XxHash128Content : ContentHash
    {
        private readonly XxHash128 _hash = new();

        public override int Length => 16;

        public override void Append(ReadOnlySpan<byte> data) => _hash.Append(data);

        public override byte[] Finish() => _hash.GetHashAndReset();
    }

    private sealed class Sha256Content : ContentHash
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override int Length => 32;

        public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        public override byte[] Finish() => _hash.GetHashAndReset();

        public override void Dispose() => _hash.Dispose();
    }
}

using System.Text;

namespace Providers.VectorData.Orleans.Wire;

/// <summary>Which shard a key belongs to: the same answer in every process and every .NET version.</summary>
internal static class ShardRouting
{
    /// <summary>FNV-1a (32-bit) of the key's JSON in UTF-8, modulo the shard count; <see cref="string.GetHashCode()"/> is randomised per process.</summary>
    public static int ShardOf(string keyJson, int shardCount)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(keyJson))
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash % (uint)shardCount);
    }
}

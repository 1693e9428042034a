using Orleans.Concurrency;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Grains;

/// <summary>One shard of a collection: the records whose key hashes to it, indexed in memory, kept in PostgreSQL.</summary>
/// <remarks>Keyed <c>"{shard}/{collection}"</c> (see <see cref="ShardKeys"/>). Reads interleave with each other, never with a write.</remarks>
[Alias("pvli.IShard")]
internal interface ILateInteractionShardGrain : IGrainWithStringKey
{
    /// <summary>Stores records; returns once they are committed in PostgreSQL.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(ShardRecord[] records);

    /// <summary>Deletes records; returns once the deletion is committed in PostgreSQL.</summary>
    [Alias("Delete")]
    Task DeleteAsync(string[] keys);

    [ReadOnly, Alias("Get")]
    Task<ShardRecord?> GetAsync(string key, bool includeVectors);

    [ReadOnly, Alias("Search")]
    Task<ShardHit[]> SearchAsync(ShardSearch search);

    [ReadOnly, Alias("Query")]
    Task<ShardRecord[]> QueryAsync(ShardQuery query);

    /// <summary>Forgets the records of a deleted collection and deactivates.</summary>
    [Alias("Drop")]
    Task DropAsync();
}

/// <summary>The catalog of collections: create, find, delete, list, and insertion numbers for upserts.</summary>
[Alias("pvli.ICatalog")]
internal interface ILateInteractionCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the collection if it is new; returns the schema it has.</summary>
    [Alias("Ensure")]
    Task<ShardSchema> EnsureCollectionAsync(string name, ShardSchema schema);

    [Alias("Find")]
    Task<ShardSchema?> FindCollectionAsync(string name);

    [Alias("DeleteCollection")]
    Task DeleteCollectionAsync(string name);

    [Alias("List")]
    Task<string[]> ListCollectionsAsync();

    /// <summary>Reserves consecutive insertion numbers for an upsert of <paramref name="count"/> records and returns the first.</summary>
    /// <exception cref="CollectionNotFoundException">The collection does not exist.</exception>
    [Alias("Reserve")]
    Task<long> ReserveSequencesAsync(string name, int count);
}

/// <summary>Names shard grains.</summary>
internal static class ShardKeys
{
    public static string For(string collection, int shard) => $"{shard}/{collection}";

    public static (string Collection, int Shard) Parse(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[(slash + 1)..], int.Parse(key.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Raised by a grain when the collection it serves is not in the catalog.</summary>
[GenerateSerializer, Alias("pvli.CollectionNotFound")]
internal sealed class CollectionNotFoundException : Exception
{
    public CollectionNotFoundException()
    {
    }

    public CollectionNotFoundException(string collection)
        : base($"Collection '{collection}' does not exist.")
    {
        Collection = collection;
    }

    public CollectionNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [Id(0)] public string? Collection { get; init; }
}

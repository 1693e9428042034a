using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;

namespace Providers.VectorData.Storage;

/// <summary>The records of one collection, shared by every collection object opened on the same name.</summary>
/// <remarks>
/// Every operation is atomic per record; readers take snapshots and never block writers. Loading a file swaps the
/// whole dictionary at once.
/// </remarks>
internal sealed class RecordTable(CollectionSchema schema)
{
    private ConcurrentDictionary<object, StoredRecord> _records = new();
    private long _sequence;

    /// <summary>Gets the schema the collection was created with; every collection object that opens it must have its shape.</summary>
    public CollectionSchema Schema { get; } = schema;

    public int Count => _records.Count;

    /// <summary>Reserves <paramref name="count"/> consecutive insertion numbers and returns the first.</summary>
    public long ReserveSequences(int count) => Interlocked.Add(ref _sequence, count) - count + 1;

    public bool TryGet(object key, [NotNullWhen(true)] out StoredRecord? record) => _records.TryGetValue(key, out record);

    /// <summary>Inserts or replaces a record; a replaced record keeps its original place in the insertion order.</summary>
    public void Upsert(StoredRecord record)
        => _records.AddOrUpdate(
            record.Key,
            static (_, added) => added,
            static (_, existing, replacement) => replacement with { Sequence = existing.Sequence },
            record);

    public void Remove(object key) => _records.TryRemove(key, out _);

    /// <summary>Returns the current records in insertion order.</summary>
    public StoredRecord[] Snapshot()
    {
        StoredRecord[] records = _records.Values.ToArray();
        Array.Sort(records, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return records;
    }

    /// <summary>Replaces every record at once, as loading a saved collection does.</summary>
    public void ReplaceAll(IEnumerable<StoredRecord> records)
    {
        var replacement = new ConcurrentDictionary<object, StoredRecord>();
        foreach (var record in records)
        {
            replacement[record.Key] = record with { Sequence = ReserveSequences(1) };
        }

        Volatile.Write(ref _records, replacement);
    }
}

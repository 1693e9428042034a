using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Storage;

/// <summary>The records of one collection, shared by every collection object opened on the same name.</summary>
/// <remarks>
/// Every operation is atomic per record; readers take snapshots and never block writers. Loading a file swaps the
/// whole dictionary at once. The ordered snapshot is kept until the next change, because copying and sorting
/// 100,000 records costs a search more than scoring their summaries does.
/// </remarks>
internal sealed class RecordTable(CollectionSchema schema)
{
    private ConcurrentDictionary<object, StoredRecord> _records = new();
    private long _sequence;
    private long _version;
    private OrderedRecords? _ordered;

    /// <summary>Gets the schema the collection was created with; every collection object that opens it must have its shape.</summary>
    public CollectionSchema Schema { get; } = schema;

    public int Count => _records.Count;

    /// <summary>Reserves <paramref name="count"/> consecutive insertion numbers and returns the first.</summary>
    public long ReserveSequences(int count) => Interlocked.Add(ref _sequence, count) - count + 1;

    public bool TryGet(object key, [NotNullWhen(true)] out StoredRecord? record) => _records.TryGetValue(key, out record);

    /// <summary>Inserts or replaces a record; a replaced record keeps its original place in the insertion order.</summary>
    public void Upsert(StoredRecord record)
    {
        _records.AddOrUpdate(
            record.Key,
            static (_, added) => added,
            static (_, existing, replacement) => replacement with { Sequence = existing.Sequence },
            record);
        Interlocked.Increment(ref _version);
    }

    public void Remove(object key)
    {
        if (_records.TryRemove(key, out _))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Returns the current records in insertion order; the array is shared and must not be changed.</summary>
    public StoredRecord[] Snapshot() => Ordered().Records;

    /// <summary>
    /// Returns, in insertion order, the records whose multi-vector property <paramref name="column"/> holds a value,
    /// with their packed documents; the arrays are shared and must not be changed.
    /// </summary>
    public (StoredRecord[] Records, MaxSimDocument[] Documents) WithMultiVector(VectorColumn column)
        => Ordered().WithMultiVector(column.Ordinal);

    /// <summary>
    /// Returns the ordered records of the current version, sorting them only if a change came since the last call.
    /// </summary>
    /// <remarks>
    /// Writers bump the version after changing the dictionary, so a snapshot is kept only if no change began or
    /// ended while it was taken; one taken during a change is used once and dropped.
    /// </remarks>
    private OrderedRecords Ordered()
    {
        long version = Volatile.Read(ref _version);
        if (Volatile.Read(ref _ordered) is { } cached && cached.Version == version)
        {
            return cached;
        }

        StoredRecord[] records = _records.Values.ToArray();
        Array.Sort(records, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        var ordered = new OrderedRecords(version, records);
        if (Volatile.Read(ref _version) == version)
        {
            Volatile.Write(ref _ordered, ordered);
        }

        return ordered;
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
        Interlocked.Increment(ref _version);
    }

    /// <summary>One version's records in insertion order, and per multi-vector property the records that hold one.</summary>
    private sealed class OrderedRecords(long version, StoredRecord[] records)
    {
        private readonly ConcurrentDictionary<int, (StoredRecord[] Records, MaxSimDocument[] Documents)> _byColumn = new();

        public long Version { get; } = version;

        public StoredRecord[] Records { get; } = records;

        public (StoredRecord[] Records, MaxSimDocument[] Documents) WithMultiVector(int ordinal)
            => _byColumn.GetOrAdd(ordinal, static (ordinal, all) =>
            {
                StoredRecord[] holding = [.. all.Where(record => record.Vectors[ordinal] is not null)];
                MaxSimDocument[] documents = [.. holding.Select(record => ((StoredMultiVector)record.Vectors[ordinal]!).Document)];
                return (holding, documents);
            }, Records);
    }
}

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Providers.VectorData.Orleans.Postgres;
using Providers.VectorData.Orleans.Shards;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Grains;

/// <summary>
/// A shard: on activation (first use, or after its silo died) it reloads its records from PostgreSQL; a write is
/// checked and packed in memory, committed in PostgreSQL, and only then acknowledged.
/// </summary>
[RequiresUnreferencedCode("Records are mapped by reflection.")]
[RequiresDynamicCode("Records are mapped by reflection.")]
internal sealed partial class LateInteractionShardGrain(ShardRepository repository, ILogger<LateInteractionShardGrain> logger)
    : Grain, ILateInteractionShardGrain
{
    private const int LoadBatchSize = 256;

    private string _collection = "";
    private int _shard;
    private ShardIndex? _index;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_collection, _shard) = ShardKeys.Parse(this.GetPrimaryKeyString());
        _index = await LoadAsync(cancellationToken);
    }

    public async Task UpsertAsync(ShardRecord[] records)
    {
        var index = await IndexAsync();

        // A key already stored, or repeated in the batch, keeps its first insertion number; the last value wins.
        var sequences = new Dictionary<string, long>(records.Length, StringComparer.Ordinal);
        var latest = new Dictionary<string, ShardRecord>(records.Length, StringComparer.Ordinal);
        var prepared = new ShardRecord[records.Length];
        for (int i = 0; i < records.Length; i++)
        {
            var record = records[i];
            if (!sequences.TryGetValue(record.Key, out long sequence))
            {
                sequence = await index.FindSequenceAsync(record.Key) ?? record.Sequence;
                sequences[record.Key] = sequence;
            }

            prepared[i] = new ShardRecord { Key = record.Key, Sequence = sequence, Data = record.Data, Vectors = record.Vectors };
            latest[record.Key] = prepared[i];
        }

        // Packing checks every record before any is stored: a bad batch changes neither memory nor PostgreSQL.
        await index.UpsertAsync(prepared, CancellationToken.None);
        try
        {
            if (!await repository.UpsertAsync(_collection, _shard, [.. latest.Values], CancellationToken.None))
            {
                throw new CollectionNotFoundException(_collection);
            }
        }
        catch
        {
            // Memory now holds what PostgreSQL refused: forget it, so the next call reloads the committed records.
            Forget();
            throw;
        }
    }

    public async Task DeleteAsync(string[] keys)
    {
        var index = await IndexAsync();
        await repository.DeleteAsync(_collection, keys, CancellationToken.None);
        await index.DeleteAsync(keys);
    }

    public async Task<ShardRecord?> GetAsync(string key, bool includeVectors)
        => await (await IndexAsync()).GetAsync(key, includeVectors);

    public async Task<ShardHit[]> SearchAsync(ShardSearch search)
        => await (await IndexAsync()).SearchAsync(search, CancellationToken.None);

    public async Task<ShardRecord[]> QueryAsync(ShardQuery query)
        => await (await IndexAsync()).QueryAsync(query, CancellationToken.None);

    public Task DropAsync()
    {
        Forget();
        return Task.CompletedTask;
    }

    private void Forget()
    {
        _index = null;
        DeactivateOnIdle();
    }

    private async Task<ShardIndex> IndexAsync()
        => _index ??= await LoadAsync(CancellationToken.None) ?? throw new CollectionNotFoundException(_collection);

    private async Task<ShardIndex?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await repository.FindCollectionAsync(_collection, cancellationToken) is not { } schema)
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var index = await ShardIndex.CreateAsync(_collection, schema);
        var batch = new List<ShardRecord>(LoadBatchSize);
        long count = 0;
        await foreach (var record in repository.LoadShardAsync(_collection, _shard, schema.Vectors.Length, cancellationToken))
        {
            batch.Add(record);
            if (batch.Count == LoadBatchSize)
            {
                await index.UpsertAsync(batch, cancellationToken);
                count += batch.Count;
                batch.Clear();
            }
        }

        await index.UpsertAsync(batch, cancellationToken);
        count += batch.Count;
        LogLoaded(_shard, _collection, count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }

    [LoggerMessage(LogLevel.Information, "Shard {Shard} of collection '{Collection}' loaded {Count} records from PostgreSQL in {ElapsedMs:F0} ms.")]
    private partial void LogLoaded(int shard, string collection, long count, double elapsedMs);
}

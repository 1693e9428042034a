using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Orleans.Runtime;
using Providers.Core;
using Providers.VectorData.Model;
using Providers.VectorData.Orleans.Client;
using Providers.VectorData.Orleans.Grains;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans;

/// <summary>
/// A late-interaction collection whose records live in shards on an Orleans cluster, durable in PostgreSQL: the
/// same surface and the same rankings as <see cref="LateInteractionCollection{TKey, TRecord}"/>.
/// </summary>
/// <typeparam name="TKey">The type of the record key.</typeparam>
/// <typeparam name="TRecord">The record type, mapped through VectorData attributes or a record definition.</typeparam>
/// <remarks>
/// <para>
/// A record goes to the shard its key hashes to. A search goes to every shard at once with its filter; each shard
/// returns its best <c>top + skip</c> hits with exact scores, and this client merges them by score, then by insertion
/// order, as the single-machine store ranks. Embeddings are generated here, on the client.
/// </para>
/// <para>
/// A write returns once every shard it touched has committed it in PostgreSQL. When a shard's silo is lost, calls
/// fail with <see cref="ShardUnavailableException"/> until Orleans reactivates the shard elsewhere; retry them.
/// </para>
/// </remarks>
#pragma warning disable CA1711 // "Collection" is the VectorData term for this type.
public class OrleansLateInteractionCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
#pragma warning restore CA1711
    where TKey : notnull
    where TRecord : class
{
    private readonly IGrainFactory _grains;
    private readonly CollectionModel _model;
    private readonly ShardSchema _schema;
    private readonly RecordCodec<TRecord> _codec;
    private readonly RecordIntake _intake;
    private readonly int _recordsPerCall;
    private readonly VectorStoreCollectionMetadata _metadata;

    /// <summary>Initializes a collection object on a cluster.</summary>
    /// <param name="grains">The cluster client (or a grain's factory).</param>
    /// <param name="name">The collection's name.</param>
    /// <param name="options">The record definition, embedding generator, shard count and index settings.</param>
    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    public OrleansLateInteractionCollection(IGrainFactory grains, string name, OrleansLateInteractionCollectionOptions? options = null)
        : this(grains, name, options, BuildModel)
    {
    }

    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    private protected OrleansLateInteractionCollection(
        IGrainFactory grains, string name, OrleansLateInteractionCollectionOptions? options, Func<OrleansLateInteractionCollectionOptions, CollectionModel> buildModel)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new OrleansLateInteractionCollectionOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ShardCount, "options.ShardCount");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RecordsPerCall, "options.RecordsPerCall");
        ArgumentNullException.ThrowIfNull(options.MultiVectorIndex, "options.MultiVectorIndex");

        Name = name;
        _grains = grains;
        _model = buildModel(options);
        _schema = RecordCodec<TRecord>.Schema(_model, options.ShardCount, options.MultiVectorIndex.Validated());
        _codec = new RecordCodec<TRecord>(_model);
        _intake = new RecordIntake(_model, options.EmbeddingBatchSize);
        _recordsPerCall = options.RecordsPerCall;
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = OrleansLateInteractionVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc />
    public override string Name { get; }

    private ILateInteractionCatalogGrain Catalog => _grains.GetGrain<ILateInteractionCatalogGrain>(0);

    /// <inheritdoc />
    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
        => await CallAsync("CollectionExists", null, () => Catalog.FindCollectionAsync(Name), cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The collection exists with other properties or another shard count.</exception>
    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var stored = await CallAsync("EnsureCollectionExists", null, () => Catalog.EnsureCollectionAsync(Name, _schema), cancellationToken).ConfigureAwait(false);
        if (!stored.HasSameShapeAs(_schema))
        {
            throw new InvalidOperationException(
                $"Collection '{Name}' exists with other properties or another shard count ({stored.ShardCount}) than this collection object declares.");
        }
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
        => CallAsync("EnsureCollectionDeleted", null, async () =>
        {
            await Catalog.DeleteCollectionAsync(Name).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public override async Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool includeVectors = options?.IncludeVectors == true;
        _intake.ThrowIfVectorsCannotBeIncluded(includeVectors);
        string keyJson = _codec.Key(key);
        int shard = ShardRouting.ShardOf(keyJson, _schema.ShardCount);
        var stored = await CallAsync("Get", shard, () => Shard(shard).GetAsync(keyJson, includeVectors), cancellationToken).ConfigureAwait(false);
        return stored is null ? null : _codec.Decode(stored, includeVectors);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        _intake.ThrowIfVectorsCannotBeIncluded(options.IncludeVectors);

        var orderBy = options.OrderBy?.Invoke(new()).Values ?? [];
        var query = new ShardQuery
        {
            Filter = ShardFilterTranslator.Translate(filter, _model),
            Top = Wanted(top, options.Skip),
            OrderBy = orderBy.Select(sort => new ShardSort(ShardFilterTranslator.OrderingProperty(sort.PropertySelector, _model), sort.Ascending)).ToArray(),
            IncludeVectors = options.IncludeVectors,
        };

        var perShard = await FanOutAsync("Get", shard => Shard(shard).QueryAsync(query), cancellationToken).ConfigureAwait(false);

        // Each shard sent its first records in the requested order; the single-machine store sorts its records,
        // held in insertion order, with a stable sort: do the same over the union.
        IEnumerable<(ShardRecord Stored, TRecord Record)> merged = perShard.SelectMany(records => records)
            .OrderBy(stored => stored.Sequence)
            .Select(stored => (stored, _codec.Decode(stored, options.IncludeVectors)));
        IOrderedEnumerable<(ShardRecord, TRecord Record)>? ordered = null;
        foreach (var sort in orderBy)
        {
            var selector = sort.PropertySelector.Compile();
            ordered = (ordered, sort.Ascending) switch
            {
                (null, true) => merged.OrderBy(pair => selector(pair.Record)),
                (null, false) => merged.OrderByDescending(pair => selector(pair.Record)),
                (_, true) => ordered.ThenBy(pair => selector(pair.Record)),
                (_, false) => ordered.ThenByDescending(pair => selector(pair.Record)),
            };
        }

        foreach (var (_, record) in (ordered ?? merged).Skip(options.Skip).Take(top))
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return DeleteAsync([key], cancellationToken);
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var byShard = keys
            .Select(key => _codec.Key(key ?? throw new ArgumentException("A key to delete is null.", nameof(keys))))
            .GroupBy(key => ShardRouting.ShardOf(key, _schema.ShardCount))
            .ToList();
        await Task.WhenAll(byShard.Select(group =>
            CallAsync("Delete", group.Key, async () =>
            {
                await Shard(group.Key).DeleteAsync([.. group]).ConfigureAwait(false);
                return true;
            }, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Embeddings are generated and every vector checked before anything is sent; then each shard stores its part
    /// and commits it in PostgreSQL. When this returns, every record is durable. Key properties marked for
    /// auto-generation that hold <see cref="Guid.Empty"/> get a new <see cref="Guid"/>, written back to the record.
    /// </remarks>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<TRecord> batch = records as IReadOnlyList<TRecord> ?? records.ToList();
        if (batch.Count == 0)
        {
            return;
        }

        object[] keys = _intake.AssignKeys(batch);
        Embedding[]?[] generated = await _intake.GenerateEmbeddingsAsync(batch, cancellationToken).ConfigureAwait(false);
        var encoded = new ShardRecord[batch.Count];
        for (int i = 0; i < batch.Count; i++)
        {
            encoded[i] = _codec.Encode(batch[i], keys[i], 0, generated, i);
        }

        long first = await CallAsync("Upsert", null, () => Catalog.ReserveSequencesAsync(Name, batch.Count), cancellationToken).ConfigureAwait(false);
        var byShard = encoded
            .Select((record, i) => new ShardRecord { Key = record.Key, Sequence = first + i, Data = record.Data, Vectors = record.Vectors })
            .GroupBy(record => ShardRouting.ShardOf(record.Key, _schema.ShardCount));
        await Task.WhenAll(byShard.Select(group => UpsertShardAsync(group.Key, [.. group], cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// A multi-vector property accepts a <see cref="MultiVectorEmbedding"/>; a single-vector property a
    /// <see cref="ReadOnlyMemory{T}"/> of <see langword="float"/>, a <see langword="float"/>[] or an
    /// <see cref="Embedding{T}"/> of <see langword="float"/>; with an embedding generator, anything it accepts.
    /// Scores are exact; equal scores rank in insertion order.
    /// </remarks>
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new VectorSearchOptions<TRecord>();
        _intake.ThrowIfVectorsCannotBeIncluded(options.IncludeVectors);

        var property = _model.GetVectorPropertyOrSingle(options);
        var search = new ShardSearch
        {
            VectorProperty = property.ModelName,
            Query = RecordCodec<TRecord>.Query(property, await RecordIntake.SearchVectorAsync(property, searchValue, cancellationToken).ConfigureAwait(false)),
            Top = Wanted(top, options.Skip),
            Filter = options.Filter is null ? null : ShardFilterTranslator.Translate(options.Filter, _model),
            IncludeVectors = options.IncludeVectors,
            ScoreThreshold = options.ScoreThreshold,
        };

        var perShard = await FanOutAsync("Search", shard => Shard(shard).SearchAsync(search), cancellationToken).ConfigureAwait(false);
        bool higherIsBetter = RecordCodec<TRecord>.HigherIsBetter(property);
        var merged = perShard.SelectMany(hits => hits)
            .OrderBy(hit => higherIsBetter ? -hit.Score : hit.Score)
            .ThenBy(hit => hit.Record.Sequence)
            .Skip(options.Skip)
            .Take(top);
        foreach (var hit in merged)
        {
            yield return new VectorSearchResult<TRecord>(_codec.Decode(hit.Record, options.IncludeVectors), hit.Score);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => ServiceLookup.Find(this, serviceType, serviceKey, _metadata);

    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    private static CollectionModel BuildModel(OrleansLateInteractionCollectionOptions options)
        => typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new NotSupportedException(VectorDataStrings.NonDynamicCollectionWithDictionaryNotSupported(typeof(OrleansLateInteractionDynamicCollection)))
            : new LateInteractionModelBuilder().Build(typeof(TRecord), typeof(TKey), options.Definition, options.EmbeddingGenerator);

    private static int Wanted(int top, int skip) => (int)Math.Min((long)top + skip, int.MaxValue);

    private ILateInteractionShardGrain Shard(int shard) => _grains.GetGrain<ILateInteractionShardGrain>(ShardKeys.For(Name, shard));

    private async Task UpsertShardAsync(int shard, ShardRecord[] records, CancellationToken cancellationToken)
    {
        for (int start = 0; start < records.Length; start += _recordsPerCall)
        {
            var part = records[start..Math.Min(start + _recordsPerCall, records.Length)];
            await CallAsync("Upsert", shard, async () =>
            {
                await Shard(shard).UpsertAsync(part).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T[]> FanOutAsync<T>(string operation, Func<int, Task<T>> call, CancellationToken cancellationToken)
        => await Task.WhenAll(Enumerable.Range(0, _schema.ShardCount).Select(shard => CallAsync(operation, shard, () => call(shard), cancellationToken))).ConfigureAwait(false);

    /// <summary>Runs a grain call and turns Orleans' failures into the store's typed errors.</summary>
    /// <remarks>Cancellation stops the wait, not the shard's work: a cancelled write may still be committed.</remarks>
    private async Task<T> CallAsync<T>(string operation, int? shard, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CollectionNotFoundException)
        {
            throw new VectorStoreException($"Collection '{Name}' does not exist; call {nameof(EnsureCollectionExistsAsync)} first.")
            {
                VectorStoreSystemName = OrleansLateInteractionVectorStore.SystemName,
                CollectionName = Name,
                OperationName = operation,
            };
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new ShardUnavailableException(
                $"{operation} on collection '{Name}' failed: {(shard is null ? "the catalog" : $"shard {shard}")} is unavailable ({exception.GetType().Name}); retry once Orleans reactivates it.",
                exception)
            {
                VectorStoreSystemName = OrleansLateInteractionVectorStore.SystemName,
                CollectionName = Name,
                OperationName = operation,
                Shard = shard,
            };
        }
    }

    private static bool IsUnavailable(Exception exception) => exception is TimeoutException or SiloUnavailableException
        or OrleansMessageRejectionException or GatewayTooBusyException or ClientNotAvailableException
        || exception.GetType().Name == "ConnectionFailedException";
}

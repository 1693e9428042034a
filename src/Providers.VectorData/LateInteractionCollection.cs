using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Model;
using Providers.VectorData.Persistence;
using Providers.VectorData.Search;
using Providers.VectorData.Storage;

namespace Providers.VectorData;

/// <summary>
/// An in-memory collection that searches single vectors by cosine, dot product or Euclidean distance, and
/// multi-vectors (<see cref="MultiVectorEmbedding"/>, as ColBERT, ColPali and ColQwen produce) by MaxSim.
/// </summary>
/// <typeparam name="TKey">The type of the record key.</typeparam>
/// <typeparam name="TRecord">The record type, mapped through VectorData attributes or a record definition.</typeparam>
/// <remarks>
/// <para>
/// Safe for any number of concurrent readers and writers: each record is replaced atomically, and searches run on
/// a snapshot. Records are copied in and out, so editing an upserted or returned instance changes nothing stored.
/// </para>
/// <para>
/// When a vector property holds text or images and an embedding generator is configured (for example a ColQwen
/// <c>IEmbeddingGenerator&lt;string, MultiVectorEmbedding&gt;</c> or <c>IEmbeddingGenerator&lt;DataContent,
/// MultiVectorEmbedding&gt;</c>), upserts embed the records in batches of
/// <see cref="LateInteractionCollectionOptions.EmbeddingBatchSize"/>, and searches embed the query.
/// </para>
/// <para>
/// <see cref="SaveAsync"/> and <see cref="LoadAsync(string, CancellationToken)"/> keep a collection across restarts; loading can leave
/// int8 token vectors in the file, memory-mapped (<see cref="CollectionLoadOptions.MapInt8Tokens"/>).
/// </para>
/// </remarks>
#pragma warning disable CA1711 // "Collection" is the VectorData term for this type.
public class LateInteractionCollection<TKey, TRecord> : VectorStoreCollection<TKey, TRecord>
#pragma warning restore CA1711
    where TKey : notnull
    where TRecord : class
{
    private readonly ConcurrentDictionary<string, RecordTable> _tables;
    private readonly CollectionModel _model;
    private readonly CollectionSchema _schema;
    private readonly RecordMapper<TRecord> _mapper;
    private readonly VectorPacker _packer;
    private readonly MultiVectorIndexOptions _index;
    private readonly RecordIntake _intake;
    private readonly VectorStoreCollectionMetadata _metadata;

    /// <summary>Initializes a collection that stands alone, not shared through a <see cref="LateInteractionVectorStore"/>.</summary>
    /// <param name="name">The collection's name.</param>
    /// <param name="options">The record definition, embedding generator and index settings.</param>
    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    public LateInteractionCollection(string name, LateInteractionCollectionOptions? options = null)
        : this(new ConcurrentDictionary<string, RecordTable>(), name, options)
    {
    }

    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    internal LateInteractionCollection(ConcurrentDictionary<string, RecordTable> tables, string name, LateInteractionCollectionOptions? options)
        : this(tables, name, options, BuildModel)
    {
    }

    private protected LateInteractionCollection(
        ConcurrentDictionary<string, RecordTable> tables,
        string name,
        LateInteractionCollectionOptions? options,
        Func<LateInteractionCollectionOptions, CollectionModel> buildModel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new LateInteractionCollectionOptions();
        ArgumentNullException.ThrowIfNull(options.MultiVectorIndex, "options.MultiVectorIndex");

        Name = name;
        _tables = tables;
        _model = buildModel(options);
        _schema = new CollectionSchema(_model);
        _mapper = new RecordMapper<TRecord>(_schema);
        _index = options.MultiVectorIndex.Validated();
        _packer = new VectorPacker(_index);
        _intake = new RecordIntake(_model, options.EmbeddingBatchSize);
        _metadata = new VectorStoreCollectionMetadata { VectorStoreSystemName = LateInteractionVectorStore.SystemName, CollectionName = name };
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
        => Task.FromResult(_tables.ContainsKey(Name));

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfOtherShape(_tables.GetOrAdd(Name, static (_, schema) => new RecordTable(schema), _schema));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _tables.TryRemove(Name, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<TRecord?> GetAsync(TKey key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool includeVectors = options?.IncludeVectors == true;
        _intake.ThrowIfVectorsCannotBeIncluded(includeVectors);
        return Task.FromResult(Table("Get").TryGet(key, out var stored) ? _mapper.Materialize(stored, includeVectors) : null);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new FilteredRecordRetrievalOptions<TRecord>();
        _intake.ThrowIfVectorsCannotBeIncluded(options.IncludeVectors);

        var predicate = RecordFilter.Compile(filter, _model);
        IEnumerable<StoredRecord> matches = Table("Get").Snapshot().Where(stored => predicate(_mapper.ViewOf(stored)));
        if (options.OrderBy?.Invoke(new()).Values is { Count: > 0 } orderBy)
        {
            matches = Order(matches, orderBy);
        }

        bool includeVectors = options.IncludeVectors;
        return matches
            .Skip(options.Skip)
            .Take(top)
            .Select(stored => _mapper.Materialize(stored, includeVectors))
            .ToAsyncEnumerable();
    }

    /// <inheritdoc />
    public override Task DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Table("Delete").Remove(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var table = Table("Delete");
        foreach (var key in keys)
        {
            table.Remove(key ?? throw new ArgumentException("A key to delete is null.", nameof(keys)));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Embeddings are generated, and every vector checked and packed, before any record is stored: a batch with a
    /// bad record stores nothing. Key properties marked for auto-generation that hold <see cref="Guid.Empty"/> get a
    /// new <see cref="Guid"/>, written back to the record passed in.
    /// </remarks>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        IReadOnlyList<TRecord> batch = records as IReadOnlyList<TRecord> ?? records.ToList();
        var table = Table("Upsert");
        object[] keys = _intake.AssignKeys(batch);
        Embedding[]?[] generated = await _intake.GenerateEmbeddingsAsync(batch, cancellationToken).ConfigureAwait(false);

        var stored = new StoredRecord[batch.Count];
        long firstSequence = table.ReserveSequences(batch.Count);
        ParallelRanges.ForEach(batch.Count, _index.MaxDegreeOfParallelism, cancellationToken, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var vectors = new object?[_schema.Columns.Length];
                foreach (var column in _schema.Columns)
                {
                    object? value = generated[column.Ordinal] is { } embeddings
                        ? embeddings[i]
                        : column.Property.GetValueAsObject(batch[i]);
                    vectors[column.Ordinal] = _packer.Pack(column, keys[i], value);
                }

                stored[i] = new StoredRecord(keys[i], firstSequence + i, _schema, _mapper.CreateView(batch[i]), vectors);
            }
        });

        foreach (var record in stored)
        {
            table.Upsert(record);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// A multi-vector property accepts a <see cref="MultiVectorEmbedding"/>; a single-vector property a
    /// <see cref="ReadOnlyMemory{T}"/> of <see langword="float"/>, a <see langword="float"/>[] or an
    /// <see cref="Embedding{T}"/> of <see langword="float"/>. With an embedding generator configured, anything the
    /// generator accepts (text, <see cref="DataContent"/>).
    /// </para>
    /// <para>
    /// Scores are exact in every index kind: MaxSim sums of dot products for multi-vectors, the property's distance
    /// function for single vectors. Equal scores rank in insertion order.
    /// </para>
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
        var column = _schema.Column(property);
        var predicate = options.Filter is null ? null : RecordFilter.Compile(options.Filter, _model);

        // The search value is checked first: a wrong input type is the caller's first problem, whether or not the collection exists.
        object vector = await RecordIntake.SearchVectorAsync(property, searchValue, cancellationToken).ConfigureAwait(false);
        (MaxSimQuery? multiVectorQuery, ReadOnlyMemory<float> singleVectorQuery) = vector is MultiVectorEmbedding embedding
            ? (MultiVectorQuery(column, embedding), default(ReadOnlyMemory<float>))
            : (null, SingleVectorQuery(column, (ReadOnlyMemory<float>)vector));

        var table = Table("Search");
        StoredRecord[] candidates;
        IReadOnlyList<(int Index, float Score)> ranked;
        int wanted = (int)Math.Min((long)top + options.Skip, int.MaxValue);
        if (multiVectorQuery is not null)
        {
            var (holding, documents) = table.WithMultiVector(column);
            (candidates, documents) = predicate is null ? (holding, documents) : Matching(holding, documents, predicate);
            ranked = RankByMaxSim(column, multiVectorQuery, documents, wanted, cancellationToken);
        }
        else
        {
            candidates = [.. table.Snapshot().Where(stored => stored.Vectors[column.Ordinal] is not null && (predicate is null || predicate(_mapper.ViewOf(stored))))];
            ranked = RankBySingleVector(column, singleVectorQuery, candidates, wanted);
        }

        foreach (var (index, score) in ranked.Skip(options.Skip))
        {
            if (options.ScoreThreshold is double threshold && (column.HigherIsBetter ? score < threshold : score > threshold))
            {
                yield break;
            }

            yield return new VectorSearchResult<TRecord>(_mapper.Materialize(candidates[index], options.IncludeVectors), score);
        }
    }

    /// <summary>Writes the collection's records to a file, replacing it atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">A token that stops writing; the previous file, if any, is then left unchanged.</param>
    /// <remarks>
    /// The file is versioned and checksummed. It is written under a temporary name in the same folder, flushed to
    /// disk, then renamed over <paramref name="path"/>, so a crash leaves either the old or the new file, never a
    /// mixture. Records upserted while saving may or may not be included.
    /// </remarks>
    /// <exception cref="VectorStoreException">The collection does not exist.</exception>
    [RequiresUnreferencedCode("Record values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Record values are serialized as JSON by reflection.")]
    public Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return CollectionFile.SaveAsync(path, Name, _schema, Table("Save").Snapshot(), cancellationToken);
    }

    /// <summary>Replaces the collection's records with those of a file written by <see cref="SaveAsync"/>, creating the collection if needed.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="cancellationToken">A token that stops reading; the collection is then left unchanged.</param>
    /// <remarks>
    /// The whole file is verified before anything changes. Multi-vectors are repacked for this collection's index
    /// kinds; token pooling is not applied again.
    /// </remarks>
    /// <exception cref="InvalidDataException">
    /// The file is not a collection file, is from a newer format version, is damaged, or holds properties other than this collection's.
    /// </exception>
    [RequiresUnreferencedCode("Record values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Record values are deserialized from JSON by reflection.")]
    public Task LoadAsync(string path, CancellationToken cancellationToken = default)
        => LoadAsync(path, new CollectionLoadOptions(), cancellationToken);

    /// <summary>Replaces the collection's records with those of a file written by <see cref="SaveAsync"/>, as <paramref name="options"/> say.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">Whether int8 token vectors stay in the file, memory-mapped.</param>
    /// <param name="cancellationToken">A token that stops reading; the collection is then left unchanged.</param>
    /// <remarks>
    /// The whole file is verified before anything changes. Multi-vectors are repacked for this collection's index
    /// kinds; token pooling is not applied again.
    /// </remarks>
    /// <exception cref="InvalidDataException">
    /// The file is not a collection file, is from a newer format version, is damaged, or holds properties other than this collection's.
    /// </exception>
    [RequiresUnreferencedCode("Record values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Record values are deserialized from JSON by reflection.")]
    public async Task LoadAsync(string path, CollectionLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        var records = await CollectionFile.LoadAsync(
            path,
            _schema,
            () => _model.CreateRecord<TRecord>(),
            _index,
            options.MapInt8Tokens,
            options.VerifyMappedTokens,
            cancellationToken).ConfigureAwait(false);

        var table = _tables.GetOrAdd(Name, static (_, schema) => new RecordTable(schema), _schema);
        ThrowIfOtherShape(table);
        table.ReplaceAll(records);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => ServiceLookup.Find(this, serviceType, serviceKey, _metadata);

    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    private static CollectionModel BuildModel(LateInteractionCollectionOptions options)
        => typeof(TRecord) == typeof(Dictionary<string, object?>)
            ? throw new NotSupportedException(VectorDataStrings.NonDynamicCollectionWithDictionaryNotSupported(typeof(LateInteractionDynamicCollection)))
            : new LateInteractionModelBuilder().Build(typeof(TRecord), typeof(TKey), options.Definition, options.EmbeddingGenerator);

    private RecordTable Table(string operation)
    {
        if (!_tables.TryGetValue(Name, out var table))
        {
            throw new VectorStoreException($"Collection '{Name}' does not exist; call {nameof(EnsureCollectionExistsAsync)} first.")
            {
                VectorStoreSystemName = LateInteractionVectorStore.SystemName,
                CollectionName = Name,
                OperationName = operation,
            };
        }

        ThrowIfOtherShape(table);
        return table;
    }

    private void ThrowIfOtherShape(RecordTable table)
    {
        if (!table.Schema.HasShapeOf(_schema))
        {
            throw new InvalidOperationException(
                $"Collection '{Name}' was created with properties [{string.Join("; ", table.Schema.Shape)}]; this collection object " +
                $"declares [{string.Join("; ", _schema.Shape)}].");
        }
    }

    private static MaxSimQuery MultiVectorQuery(VectorColumn column, MultiVectorEmbedding embedding)
    {
        if (embedding.Dimensions != column.Dimensions)
        {
            throw new ArgumentException(
                $"The query has {embedding.Dimensions}-dimensional token vectors; property '{column.Name}' has {column.Dimensions}.",
                "searchValue");
        }

        return MaxSimQuery.Create(embedding);
    }

    private static ReadOnlyMemory<float> SingleVectorQuery(VectorColumn column, ReadOnlyMemory<float> vector)
    {
        VectorPacker.ValidateQuery(column, vector.Span);
        return vector;
    }

    private (StoredRecord[] Records, MaxSimDocument[] Documents) Matching(
        StoredRecord[] records, MaxSimDocument[] documents, Func<TRecord, bool> predicate)
    {
        var matching = new List<int>();
        for (int i = 0; i < records.Length; i++)
        {
            if (predicate(_mapper.ViewOf(records[i])))
            {
                matching.Add(i);
            }
        }

        return ([.. matching.Select(i => records[i])], [.. matching.Select(i => documents[i])]);
    }

    private List<(int Index, float Score)> RankByMaxSim(
        VectorColumn column, MaxSimQuery query, MaxSimDocument[] documents, int wanted, CancellationToken cancellationToken)
    {
        var hits = MaxSim.Search(
            query,
            documents,
            wanted,
            new MaxSimSearchOptions
            {
                FirstStage = column.FirstStage,
                RescoreCount = _index.RescoreCount,
                CandidateCount = _index.CandidateCount,
                MaxDegreeOfParallelism = _index.MaxDegreeOfParallelism,
            },
            cancellationToken);
        return hits.Select(hit => (hit.Index, hit.Score)).ToList();
    }

    private static List<(int Index, float Score)> RankBySingleVector(
        VectorColumn column, ReadOnlyMemory<float> query, StoredRecord[] candidates, int wanted)
    {
        var scores = new float[candidates.Length];
        var ranks = new float[candidates.Length];
        for (int i = 0; i < candidates.Length; i++)
        {
            scores[i] = SingleVectorScoring.Score(query.Span, (float[])candidates[i].Vectors[column.Ordinal]!, column.DistanceFunction);
            ranks[i] = column.HigherIsBetter ? scores[i] : -scores[i];
        }

        return TopK.Select(ranks, wanted).Select(index => (index, scores[index])).ToList();
    }

    private IEnumerable<StoredRecord> Order(
        IEnumerable<StoredRecord> records, IReadOnlyList<FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition.SortInfo> orderBy)
    {
        IOrderedEnumerable<StoredRecord>? ordered = null;
        foreach (var sort in orderBy)
        {
            var selector = sort.PropertySelector.Compile();
            Func<StoredRecord, object?> key = stored => selector(_mapper.ViewOf(stored));
            ordered = (ordered, sort.Ascending) switch
            {
                (null, true) => records.OrderBy(key),
                (null, false) => records.OrderByDescending(key),
                (_, true) => ordered.ThenBy(key),
                (_, false) => ordered.ThenByDescending(key),
            };
        }

        return ordered ?? records;
    }
}

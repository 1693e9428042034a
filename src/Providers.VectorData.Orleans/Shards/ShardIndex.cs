using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData.Orleans.Wire;

namespace Providers.VectorData.Orleans.Shards;

/// <summary>
/// The in-memory index of one shard: the single-machine store's own dynamic collection, so that a shard filters,
/// scores and ranks exactly as <see cref="LateInteractionCollection{TKey, TRecord}"/> does.
/// </summary>
/// <remarks>
/// Each record carries its collection-wide insertion number as a hidden data property: the client merges equal
/// scores from different shards by it, as the single-machine store ranks equal scores by insertion order.
/// </remarks>
internal sealed class ShardIndex
{
    internal const string SequenceProperty = "__pvli_seq";

    private readonly ShardSchema _schema;
    private readonly Type _keyType;
    private readonly (string Name, Type Type)[] _data;
    private readonly Dictionary<string, Type> _filterTypes;
    private readonly LateInteractionDynamicCollection _collection;

    [RequiresUnreferencedCode("Types are resolved by name and values mapped by reflection.")]
    [RequiresDynamicCode("Types are resolved by name and values mapped by reflection.")]
    private ShardIndex(string name, ShardSchema schema)
    {
        _schema = schema;
        _keyType = ShardJson.ResolveType(schema.Key.Type);
        _data = schema.Data.Select(property => (property.Name, ShardJson.ResolveType(property.Type))).ToArray();
        _filterTypes = _data.Append((schema.Key.Name, _keyType)).ToDictionary(p => p.Item1, p => p.Item2);

        var properties = new List<VectorStoreProperty> { new VectorStoreKeyProperty(schema.Key.Name, _keyType) };
        properties.AddRange(_data.Select(p => new VectorStoreDataProperty(p.Name, p.Type)));
        properties.Add(new VectorStoreDataProperty(SequenceProperty, typeof(long)));
        properties.AddRange(schema.Vectors.Select(v => new VectorStoreVectorProperty(
            v.Name, v.IsMultiVector ? typeof(MultiVectorEmbedding) : typeof(ReadOnlyMemory<float>), v.Dimensions)
        {
            IndexKind = v.IndexKind,
            DistanceFunction = v.DistanceFunction,
        }));

        _collection = new LateInteractionDynamicCollection(name, new LateInteractionCollectionOptions
        {
            Definition = new VectorStoreCollectionDefinition { Properties = properties },
            MultiVectorIndex = new MultiVectorIndexOptions
            {
                RescoreCount = schema.RescoreCount,
                TokenPoolFactor = schema.TokenPoolFactor,
                MaxDegreeOfParallelism = schema.MaxDegreeOfParallelism,
                RescorePrecision = schema.RescorePrecision,
                CandidateCount = schema.CandidateCount,
            },
        });
    }

    [RequiresUnreferencedCode("Types are resolved by name and values mapped by reflection.")]
    [RequiresDynamicCode("Types are resolved by name and values mapped by reflection.")]
    public static async Task<ShardIndex> CreateAsync(string name, ShardSchema schema)
    {
        var index = new ShardIndex(name, schema);
        await index._collection.EnsureCollectionExistsAsync().ConfigureAwait(false);
        return index;
    }

    /// <summary>Returns the insertion number of a stored record, or null if the shard does not hold it.</summary>
    [RequiresUnreferencedCode("Keys are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Keys are deserialized from JSON by reflection.")]
    public async Task<long?> FindSequenceAsync(string keyJson)
        => await _collection.GetAsync(ParseKey(keyJson)).ConfigureAwait(false) is { } stored ? (long)stored[SequenceProperty]! : null;

    /// <summary>Packs and stores records, checking every one before any is stored.</summary>
    [RequiresUnreferencedCode("Values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Values are deserialized from JSON by reflection.")]
    public Task UpsertAsync(IReadOnlyList<ShardRecord> records, CancellationToken cancellationToken)
        => _collection.UpsertAsync(records.Select(ToDictionary).ToList(), cancellationToken);

    [RequiresUnreferencedCode("Keys are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Keys are deserialized from JSON by reflection.")]
    public Task DeleteAsync(IEnumerable<string> keys) => _collection.DeleteAsync(keys.Select(ParseKey));

    [RequiresUnreferencedCode("Values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Values are serialized as JSON by reflection.")]
    public async Task<ShardRecord?> GetAsync(string keyJson, bool includeVectors)
        => await _collection.GetAsync(ParseKey(keyJson), new RecordRetrievalOptions { IncludeVectors = includeVectors }).ConfigureAwait(false) is { } stored
            ? ToShardRecord(stored, includeVectors)
            : null;

    [RequiresUnreferencedCode("Values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Values are serialized as JSON by reflection.")]
    public async Task<ShardHit[]> SearchAsync(ShardSearch search, CancellationToken cancellationToken)
    {
        var options = new VectorSearchOptions<Dictionary<string, object?>>
        {
            VectorProperty = ShardFilterCompiler.Selector(search.VectorProperty),
            Filter = search.Filter is null ? null : ShardFilterCompiler.Compile(search.Filter, _filterTypes),
            IncludeVectors = search.IncludeVectors,
            ScoreThreshold = search.ScoreThreshold,
        };

        var hits = new List<ShardHit>(search.Top);
        var results = search.Query.TokenDimensions > 0
            ? _collection.SearchAsync(ToMultiVector(search.Query), search.Top, options, cancellationToken)
            : _collection.SearchAsync(new ReadOnlyMemory<float>(search.Query.Values), search.Top, options, cancellationToken);
        await foreach (var result in results.ConfigureAwait(false))
        {
            hits.Add(new ShardHit(ToShardRecord(result.Record, search.IncludeVectors), result.Score!.Value));
        }

        return [.. hits];
    }

    [RequiresUnreferencedCode("Values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Values are serialized as JSON by reflection.")]
    public async Task<ShardRecord[]> QueryAsync(ShardQuery query, CancellationToken cancellationToken)
    {
        var options = new FilteredRecordRetrievalOptions<Dictionary<string, object?>> { IncludeVectors = query.IncludeVectors };
        if (query.OrderBy.Length > 0)
        {
            options.OrderBy = order =>
            {
                foreach (var sort in query.OrderBy)
                {
                    order = sort.Ascending ? order.Ascending(ShardFilterCompiler.Selector(sort.Property)) : order.Descending(ShardFilterCompiler.Selector(sort.Property));
                }

                return order;
            };
        }

        var filter = query.Filter is null ? (_ => true) : ShardFilterCompiler.Compile(query.Filter, _filterTypes);
        var records = new List<ShardRecord>();
        await foreach (var record in _collection.GetAsync(filter, query.Top, options, cancellationToken).ConfigureAwait(false))
        {
            records.Add(ToShardRecord(record, query.IncludeVectors));
        }

        return [.. records];
    }

    private static MultiVectorEmbedding ToMultiVector(ShardVector vector) => new(vector.Values, vector.TokenDimensions)
    {
        ModelId = vector.ModelId,
        CreatedAt = vector.CreatedAt,
        ImagePatches = vector.ImagePatches is [var start, var length, var width, var height] ? new ImagePatchLayout(start, length, width, height) : null,
    };

    [RequiresUnreferencedCode("Keys are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Keys are deserialized from JSON by reflection.")]
    private object ParseKey(string keyJson)
        => ShardJson.Deserialize(keyJson, _keyType) ?? throw new InvalidDataException($"Record key {keyJson} is null.");

    [RequiresUnreferencedCode("Values are deserialized from JSON by reflection.")]
    [RequiresDynamicCode("Values are deserialized from JSON by reflection.")]
    private Dictionary<string, object?> ToDictionary(ShardRecord record)
    {
        var dictionary = new Dictionary<string, object?>(_data.Length + _schema.Vectors.Length + 2)
        {
            [_schema.Key.Name] = ParseKey(record.Key),
            [SequenceProperty] = record.Sequence,
        };
        ShardJson.DeserializeObject(record.Data, _data, (name, value) => dictionary[name] = value);
        for (int i = 0; i < _schema.Vectors.Length; i++)
        {
            dictionary[_schema.Vectors[i].Name] = record.Vectors[i] is not { } vector ? null
                : vector.TokenDimensions > 0 ? ToMultiVector(vector)
                : new ReadOnlyMemory<float>(vector.Values);
        }

        return dictionary;
    }

    [RequiresUnreferencedCode("Values are serialized as JSON by reflection.")]
    [RequiresDynamicCode("Values are serialized as JSON by reflection.")]
    private ShardRecord ToShardRecord(Dictionary<string, object?> record, bool includeVectors) => new()
    {
        Key = ShardJson.Serialize(record[_schema.Key.Name], _keyType),
        Sequence = (long)record[SequenceProperty]!,
        Data = ShardJson.SerializeObject(_data.Select(p => (p.Name, record.GetValueOrDefault(p.Name), p.Type))),
        Vectors = includeVectors ? _schema.Vectors.Select(v => ToShardVector(record.GetValueOrDefault(v.Name))).ToArray() : new ShardVector?[_schema.Vectors.Length],
    };

    private static ShardVector? ToShardVector(object? value) => value switch
    {
        MultiVectorEmbedding multi => new ShardVector
        {
            Values = multi.Vectors.ToArray(),
            TokenDimensions = multi.Dimensions,
            ModelId = multi.ModelId,
            CreatedAt = multi.CreatedAt,
            ImagePatches = multi.ImagePatches is { } p ? [p.Start, p.Length, p.GridWidth, p.GridHeight] : null,
        },
        ReadOnlyMemory<float> single => new ShardVector { Values = single.ToArray() },
        _ => null,
    };
}

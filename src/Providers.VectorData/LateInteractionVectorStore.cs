using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.VectorData;
using Providers.Core;
using Providers.VectorData.Storage;

namespace Providers.VectorData;

/// <summary>
/// An in-memory vector store for single vectors and late-interaction multi-vectors; every collection object opened
/// on the same name shares the same records.
/// </summary>
public sealed class LateInteractionVectorStore : VectorStore
{
    internal const string SystemName = "providers-late-interaction";

    private readonly ConcurrentDictionary<string, RecordTable> _tables = new();
    private readonly LateInteractionVectorStoreOptions _options;
    private readonly VectorStoreMetadata _metadata = new() { VectorStoreSystemName = SystemName };

    /// <summary>Initializes a new, empty store.</summary>
    /// <param name="options">The default embedding generator and index settings of its collections.</param>
    public LateInteractionVectorStore(LateInteractionVectorStoreOptions? options = null)
    {
        _options = options ?? new LateInteractionVectorStoreOptions();
    }

    /// <inheritdoc />
    [RequiresUnreferencedCode("The late-interaction store maps records by reflection and is incompatible with trimming.")]
    [RequiresDynamicCode("The late-interaction store maps records by reflection and is incompatible with NativeAOT.")]
    public override LateInteractionCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new ArgumentException(Microsoft.Extensions.VectorData.ProviderServices.VectorDataStrings.GetCollectionWithDictionaryNotSupported);
        }

        return new LateInteractionCollection<TKey, TRecord>(_tables, name, CollectionOptions(definition));
    }

    /// <inheritdoc />
    public override LateInteractionDynamicCollection GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new LateInteractionDynamicCollection(_tables, name, CollectionOptions(definition));
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<string> ListCollectionNamesAsync(CancellationToken cancellationToken = default)
        => _tables.Keys.Order(StringComparer.Ordinal).ToAsyncEnumerable();

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
        => Task.FromResult(_tables.ContainsKey(name));

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        _tables.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => ServiceLookup.Find(this, serviceType, serviceKey, _metadata);

    private LateInteractionCollectionOptions CollectionOptions(VectorStoreCollectionDefinition? definition) => new()
    {
        Definition = definition,
        EmbeddingGenerator = _options.EmbeddingGenerator,
        MultiVectorIndex = _options.MultiVectorIndex,
        EmbeddingBatchSize = _options.EmbeddingBatchSize,
    };
}

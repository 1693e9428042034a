using System.Collections.Concurrent;
using Microsoft.Extensions.VectorData;
using Providers.VectorData.Model;
using Providers.VectorData.Storage;

namespace Providers.VectorData;

/// <summary>
/// A <see cref="LateInteractionCollection{TKey, TRecord}"/> whose records are dictionaries keyed by property name,
/// for schemas known only at run time; the record definition is required.
/// </summary>
#pragma warning disable CA1711 // "Collection" is the VectorData term for this type.
public sealed class LateInteractionDynamicCollection : LateInteractionCollection<object, Dictionary<string, object?>>
#pragma warning restore CA1711
{
    /// <summary>Initializes a dynamic collection that stands alone, not shared through a <see cref="LateInteractionVectorStore"/>.</summary>
    /// <param name="name">The collection's name.</param>
    /// <param name="options">The options; <see cref="VectorStoreCollectionOptions.Definition"/> must be set.</param>
    public LateInteractionDynamicCollection(string name, LateInteractionCollectionOptions options)
        : this(new ConcurrentDictionary<string, RecordTable>(), name, options)
    {
    }

    internal LateInteractionDynamicCollection(ConcurrentDictionary<string, RecordTable> tables, string name, LateInteractionCollectionOptions options)
        : base(tables, name, options, BuildModel)
    {
    }

    private static Microsoft.Extensions.VectorData.ProviderServices.CollectionModel BuildModel(LateInteractionCollectionOptions options)
        => options.Definition is null
            ? throw new ArgumentException("A dynamic collection needs a record definition.", nameof(options))
            : new LateInteractionModelBuilder().BuildDynamic(options.Definition, options.Definition.EmbeddingGenerator ?? options.EmbeddingGenerator);
}

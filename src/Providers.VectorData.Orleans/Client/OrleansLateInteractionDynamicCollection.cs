using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Providers.VectorData.Model;

namespace Providers.VectorData.Orleans;

/// <summary>
/// An <see cref="OrleansLateInteractionCollection{TKey, TRecord}"/> whose records are dictionaries keyed by property
/// name, for schemas known only at run time; the record definition is required. It reads and writes the same
/// records as a typed collection object of the same shape.
/// </summary>
#pragma warning disable CA1711 // "Collection" is the VectorData term for this type.
public sealed class OrleansLateInteractionDynamicCollection : OrleansLateInteractionCollection<object, Dictionary<string, object?>>
#pragma warning restore CA1711
{
    /// <summary>Initializes a dynamic collection object on a cluster.</summary>
    /// <param name="grains">The cluster client (or a grain's factory).</param>
    /// <param name="name">The collection's name.</param>
    /// <param name="options">The options; <see cref="VectorStoreCollectionOptions.Definition"/> must be set.</param>
    public OrleansLateInteractionDynamicCollection(IGrainFactory grains, string name, OrleansLateInteractionCollectionOptions options)
        : base(grains, name, options, BuildModel)
    {
    }

    private static CollectionModel BuildModel(OrleansLateInteractionCollectionOptions options)
        => options.Definition is null
            ? throw new ArgumentException("A dynamic collection needs a record definition.", nameof(options))
            : new LateInteractionModelBuilder().BuildDynamic(options.Definition, options.Definition.EmbeddingGenerator ?? options.EmbeddingGenerator);
}

using Microsoft.Extensions.VectorData.ProviderServices;

namespace Providers.VectorData.Storage;

/// <summary>A collection model with what the store derives from it once: its vector columns and the properties of a view.</summary>
internal sealed class CollectionSchema
{
    public CollectionSchema(CollectionModel model)
    {
        Model = model;
        Columns = model.VectorProperties.Select((property, ordinal) => new VectorColumn(property, ordinal)).ToArray();
        ViewProperties = [model.KeyProperty, .. model.DataProperties, .. Columns.Where(column => column.IsGenerated).Select(column => column.Property)];
    }

    public CollectionModel Model { get; }

    /// <summary>Gets the vector properties, in model order.</summary>
    public VectorColumn[] Columns { get; }

    /// <summary>
    /// Gets the properties a record view holds: the key, the data, and the inputs of generated vectors (the text or
    /// image that was embedded), which are data as far as the caller is concerned.
    /// </summary>
    public PropertyModel[] ViewProperties { get; }

    public VectorColumn Column(VectorPropertyModel property) => Columns.Single(column => column.Property == property);
}

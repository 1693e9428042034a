using Microsoft.Extensions.VectorData.ProviderServices;

namespace Providers.VectorData.Storage;

/// <summary>A collection model with what the store derives from it once: its vector columns, the properties of a view and its shape.</summary>
internal sealed class CollectionSchema
{
    public CollectionSchema(CollectionModel model)
    {
        Model = model;
        Columns = model.VectorProperties.Select((property, ordinal) => new VectorColumn(property, ordinal)).ToArray();
        ViewProperties = [model.KeyProperty, .. model.DataProperties];
        Shape = Describe(ViewProperties, Columns);
    }

    public CollectionModel Model { get; }

    /// <summary>Gets the vector properties, in model order.</summary>
    public VectorColumn[] Columns { get; }

    /// <summary>
    /// Gets the properties a record view holds: the key and the data. The input of a generated vector (the text or
    /// image that was embedded) is not kept: the vector stands for it, as in every VectorData store.
    /// </summary>
    public PropertyModel[] ViewProperties { get; }

    /// <summary>
    /// Gets one line per property (role, name, .NET type or vector dimensions): two collection objects of the same
    /// shape, a typed one and a dynamic one for instance, share records, and a file loads only into its own shape.
    /// </summary>
    public IReadOnlyList<string> Shape { get; }

    public VectorColumn Column(VectorPropertyModel property) => Columns.Single(column => column.Property == property);

    public bool HasShapeOf(CollectionSchema other) => ReferenceEquals(this, other) || Shape.SequenceEqual(other.Shape);

    /// <summary>Finds a view property by its storage name, as another collection object of the same shape names it.</summary>
    public PropertyModel ViewProperty(string modelName) => ViewProperties.First(property => property.ModelName == modelName);

    private static string[] Describe(PropertyModel[] viewProperties, VectorColumn[] columns)
    {
        var descriptors = new List<string>();
        foreach (var property in viewProperties)
        {
            string role = property is KeyPropertyModel ? "key" : "data";
            descriptors.Add($"{role} {property.ModelName}: {Nullable.GetUnderlyingType(property.Type) ?? property.Type}");
        }

        foreach (var column in columns)
        {
            descriptors.Add($"{(column.IsMultiVector ? "multi-vector" : "vector")} {column.Name}: {column.Dimensions}");
        }

        return [.. descriptors];
    }
}

using Microsoft.Extensions.AI;

namespace Providers.VectorData.Storage;

/// <summary>Copies records into the store's private views and back out into fresh instances.</summary>
/// <remarks>
/// The store never hands out an instance it keeps: a caller that edits a returned record, or the record it upserted,
/// changes nothing stored. Data values themselves are copied by reference. A record written through another
/// collection object of the same shape (a dynamic view of a typed collection, or the reverse) is converted
/// property by property.
/// </remarks>
internal sealed class RecordMapper<TRecord>
    where TRecord : class
{
    private readonly CollectionSchema _schema;

    public RecordMapper(CollectionSchema schema)
    {
        _schema = schema;
    }

    public TRecord CreateView(TRecord record)
    {
        var view = _schema.Model.CreateRecord<TRecord>();
        foreach (var property in _schema.ViewProperties)
        {
            property.SetValueAsObject(view, property.GetValueAsObject(record));
        }

        return view;
    }

    /// <summary>Returns the stored view as a <typeparamref name="TRecord"/> for filters, converting it if another record type wrote it.</summary>
    public TRecord ViewOf(StoredRecord stored)
        => stored.View as TRecord ?? Materialize(stored, includeVectors: false);

    public TRecord Materialize(StoredRecord stored, bool includeVectors)
    {
        var record = _schema.Model.CreateRecord<TRecord>();
        foreach (var property in _schema.ViewProperties)
        {
            var source = ReferenceEquals(stored.Schema, _schema) ? property : stored.Schema.ViewProperty(property.ModelName);
            property.SetValueAsObject(record, source.GetValueAsObject(stored.View));
        }

        if (includeVectors)
        {
            foreach (var column in _schema.Columns)
            {
                if (!column.IsGenerated && stored.Vectors[column.Ordinal] is { } vector)
                {
                    column.Property.SetValueAsObject(record, ToPropertyValue(column.Property.Type, vector));
                }
            }
        }

        return record;
    }

    private static object ToPropertyValue(Type propertyType, object stored) => stored switch
    {
        StoredMultiVector multiVector => multiVector.ToEmbedding(),
        float[] vector when propertyType == typeof(float[]) => vector.Clone(),
        float[] vector when propertyType == typeof(Embedding<float>) => new Embedding<float>(vector.ToArray()),
        float[] vector => new ReadOnlyMemory<float>(vector.ToArray()),
        _ => throw new InvalidOperationException($"Unexpected stored vector of type {stored.GetType()}."),
    };
}

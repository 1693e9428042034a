using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Model;
using Distance = Microsoft.Extensions.VectorData.DistanceFunction;

namespace Providers.VectorData.Storage;

/// <summary>What the store needs to know about one vector property, worked out once from the model.</summary>
internal sealed class VectorColumn
{
    public VectorColumn(VectorPropertyModel property, int ordinal)
    {
        Property = property;
        Ordinal = ordinal;
        IsMultiVector = RecordIntake.IsMultiVector(property);
        IsGenerated = RecordIntake.IsGenerated(property);
        DistanceFunction = property.DistanceFunction
            ?? (IsMultiVector ? Distance.DotProductSimilarity : Distance.CosineSimilarity);
        HigherIsBetter = DistanceFunction is Distance.CosineSimilarity
            or Distance.DotProductSimilarity;
        FirstStage = property.IndexKind switch
        {
            MultiVectorIndexKind.Int8Flat or IndexKind.QuantizedFlat => MaxSimPrecision.Int8,
            MultiVectorIndexKind.BinaryFlat => MaxSimPrecision.Binary,
            _ => MaxSimPrecision.Float32,
        };
    }

    public VectorPropertyModel Property { get; }

    /// <summary>Gets the property's position in <see cref="StoredRecord.Vectors"/>.</summary>
    public int Ordinal { get; }

    public string Name => Property.ModelName;

    public int Dimensions => Property.Dimensions;

    /// <summary>Gets whether the property holds a <see cref="MultiVectorEmbedding"/> scored by MaxSim.</summary>
    public bool IsMultiVector { get; }

    /// <summary>Gets whether the property holds the generator's input (text, an image) rather than the vector.</summary>
    public bool IsGenerated { get; }

    /// <summary>Gets the distance function, with the store's default filled in.</summary>
    public string DistanceFunction { get; }

    /// <summary>Gets whether a larger score means a closer match.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>Gets the first-stage precision of a multi-vector property's index.</summary>
    public MaxSimPrecision FirstStage { get; }
}

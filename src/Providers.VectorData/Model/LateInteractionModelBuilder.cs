using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using Providers.Core;
using Distance = Microsoft.Extensions.VectorData.DistanceFunction;

namespace Providers.VectorData.Model;

/// <summary>
/// Builds collection models for the late-interaction store: any .NET type as data, single vectors as
/// <see cref="ReadOnlyMemory{T}"/>, <see cref="Embedding{T}"/> or <see langword="float"/>[], and multi-vectors as
/// <see cref="MultiVectorEmbedding"/>, either given directly or generated from text or images.
/// </summary>
internal sealed class LateInteractionModelBuilder() : CollectionModelBuilder(BuildingOptions)
{
    public const string SupportedVectorTypes = "ReadOnlyMemory<float>, Embedding<float>, float[], MultiVectorEmbedding";

    private static readonly CollectionModelBuildingOptions BuildingOptions = new()
    {
        RequiresAtLeastOneVector = false,
        SupportsMultipleVectors = true,
    };

    private static readonly string[] SingleVectorDistances =
    [
        Distance.CosineSimilarity,
        Distance.CosineDistance,
        Distance.DotProductSimilarity,
        Distance.NegativeDotProductSimilarity,
        Distance.EuclideanDistance,
        Distance.EuclideanSquaredDistance,
    ];

    /// <summary>Gets the embedding types a generator may produce: single vectors first, then multi-vectors.</summary>
    protected override IReadOnlyList<EmbeddingGenerationDispatcher> EmbeddingGenerationDispatchers { get; } =
    [
        EmbeddingGenerationDispatcher.Create<Embedding<float>>(),
        EmbeddingGenerationDispatcher.Create<MultiVectorEmbedding>(),
    ];

    public static bool IsMultiVectorType(Type type) => type == typeof(MultiVectorEmbedding);

    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        // Data is kept as .NET objects, and persisted as JSON.
        supportedTypes = null;
        return true;
    }

    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = SupportedVectorTypes;
        return type == typeof(ReadOnlyMemory<float>)
            || type == typeof(ReadOnlyMemory<float>?)
            || type == typeof(Embedding<float>)
            || type == typeof(float[])
            || IsMultiVectorType(type);
    }

    protected override void Customize()
    {
        // For a property that holds its vector, the base builder picks the first dispatcher the generator can serve,
        // to embed search text. A ColQwen generator would thus be attached to a single-vector property (or an
        // Embedding<float> generator to a multi-vector one), and fail at search time; attach only a matching one.
        foreach (var property in VectorProperties)
        {
            if (property.EmbeddingGenerationDispatcher is { } dispatcher
                && property.EmbeddingType == property.Type
                && IsMultiVectorType(dispatcher.EmbeddingType) != IsMultiVectorType(property.Type))
            {
                property.EmbeddingGenerationDispatcher = null;
            }
        }
    }

    protected override void ValidateProperty(PropertyModel propertyModel, VectorStoreCollectionDefinition? definition)
    {
        base.ValidateProperty(propertyModel, definition);
        if (propertyModel is not VectorPropertyModel vector)
        {
            return;
        }

        if (IsMultiVectorType(vector.EmbeddingType))
        {
            if (vector.DistanceFunction is not (null or Distance.DotProductSimilarity))
            {
                throw new NotSupportedException(
                    $"Multi-vector property '{vector.ModelName}' uses distance function '{vector.DistanceFunction}'; multi-vectors are " +
                    $"scored by MaxSim over dot products ({Distance.DotProductSimilarity}).");
            }

            if (vector.IndexKind is not (null or MultiVectorIndexKind.Flat or MultiVectorIndexKind.Int8Flat or MultiVectorIndexKind.BinaryFlat or IndexKind.QuantizedFlat))
            {
                throw new NotSupportedException(
                    $"Multi-vector property '{vector.ModelName}' uses index kind '{vector.IndexKind}'; supported kinds are " +
                    $"{MultiVectorIndexKind.Flat}, {MultiVectorIndexKind.Int8Flat} ({IndexKind.QuantizedFlat}) and {MultiVectorIndexKind.BinaryFlat}.");
            }

            return;
        }

        if (vector.DistanceFunction is not null && !SingleVectorDistances.Contains(vector.DistanceFunction))
        {
            throw new NotSupportedException(
                $"Vector property '{vector.ModelName}' uses distance function '{vector.DistanceFunction}'; supported functions are " +
                $"{string.Join(", ", SingleVectorDistances)}.");
        }

        if (vector.IndexKind is not (null or IndexKind.Flat))
        {
            throw new NotSupportedException(
                $"Vector property '{vector.ModelName}' uses index kind '{vector.IndexKind}'; single vectors support only {IndexKind.Flat}.");
        }
    }
}

using System.Numerics.Tensors;
using Distance = Microsoft.Extensions.VectorData.DistanceFunction;

namespace Providers.VectorData.Search;

/// <summary>Scores one stored vector against a query vector with a VectorData distance function.</summary>
internal static class SingleVectorScoring
{
    public static float Score(ReadOnlySpan<float> query, ReadOnlySpan<float> stored, string distanceFunction) => distanceFunction switch
    {
        Distance.CosineSimilarity => TensorPrimitives.CosineSimilarity(query, stored),
        Distance.CosineDistance => 1f - TensorPrimitives.CosineSimilarity(query, stored),
        Distance.DotProductSimilarity => TensorPrimitives.Dot(query, stored),
        Distance.NegativeDotProductSimilarity => -TensorPrimitives.Dot(query, stored),
        Distance.EuclideanDistance => TensorPrimitives.Distance(query, stored),
        Distance.EuclideanSquaredDistance => Squared(TensorPrimitives.Distance(query, stored)),
        _ => throw new NotSupportedException($"Distance function '{distanceFunction}' is not supported."),
    };

    /// <summary>Returns whether cosine is part of the distance function, so that a zero vector has no score.</summary>
    public static bool NeedsNonZeroVectors(string distanceFunction)
        => distanceFunction is Distance.CosineSimilarity or Distance.CosineDistance;

    private static float Squared(float value) => value * value;
}

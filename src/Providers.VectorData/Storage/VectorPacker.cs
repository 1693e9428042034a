using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.VectorData.LateInteraction;
using Providers.VectorData.Search;

namespace Providers.VectorData.Storage;

/// <summary>
/// Checks a record's vectors against their properties and turns them into their stored form: a private copy for a
/// single vector, a packed (and optionally pooled) <see cref="MaxSimDocument"/> for a multi-vector.
/// </summary>
/// <remarks>
/// Errors name the record and the property. A bad vector the caller supplied is an <see cref="ArgumentException"/>;
/// a bad vector an embedding generator returned is an <see cref="InvalidOperationException"/>.
/// </remarks>
internal sealed class VectorPacker(MultiVectorIndexOptions index)
{
    /// <summary>Returns the stored form of one vector: a <see langword="float"/>[], a <see cref="StoredMultiVector"/>, or null.</summary>
    /// <param name="column">The vector property.</param>
    /// <param name="key">The record's key, for error messages.</param>
    /// <param name="value">The property's value, or the generated embedding for a generated property.</param>
    public object? Pack(VectorColumn column, object key, object? value)
        => column.IsMultiVector ? PackMultiVector(column, key, value) : PackSingleVector(column, key, value);

    /// <summary>Checks a search vector for a single-vector property.</summary>
    public static void ValidateQuery(VectorColumn column, ReadOnlySpan<float> vector)
    {
        if (vector.Length != column.Dimensions)
        {
            throw new ArgumentException(
                $"The search vector has {vector.Length} dimensions; property '{column.Name}' has {column.Dimensions}.", "searchValue");
        }

        if (!TensorPrimitives.IsFiniteAll(vector))
        {
            throw new ArgumentException("The search vector holds NaN or an infinity.", "searchValue");
        }

        if (SingleVectorScoring.NeedsNonZeroVectors(column.DistanceFunction) && TensorPrimitives.IsZeroAll(vector))
        {
            throw new ArgumentException($"The search vector is all zeros, which has no {column.DistanceFunction}.", "searchValue");
        }
    }

    private static float[]? PackSingleVector(VectorColumn column, object key, object? value)
    {
        ReadOnlySpan<float> vector = value switch
        {
            null => default,
            ReadOnlyMemory<float> memory => memory.Span,
            float[] array => array,
            Embedding<float> embedding => embedding.Vector.Span,
            _ => throw Invalid(column, key, $"is a {value.GetType().Name}, not a single vector."),
        };

        if (value is null)
        {
            return null;
        }

        if (vector.Length != column.Dimensions)
        {
            throw Invalid(column, key, $"has {vector.Length} dimensions; the property declares {column.Dimensions}.");
        }

        if (!TensorPrimitives.IsFiniteAll(vector))
        {
            throw Invalid(column, key, "holds NaN or an infinity.");
        }

        if (SingleVectorScoring.NeedsNonZeroVectors(column.DistanceFunction) && TensorPrimitives.IsZeroAll(vector))
        {
            throw Invalid(column, key, $"is all zeros, which has no {column.DistanceFunction}.");
        }

        return vector.ToArray();
    }

    private StoredMultiVector? PackMultiVector(VectorColumn column, object key, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not MultiVectorEmbedding embedding)
        {
            throw Invalid(column, key, $"is a {value.GetType().Name}, not a {nameof(MultiVectorEmbedding)}.");
        }

        if (embedding.Dimensions != column.Dimensions)
        {
            throw Invalid(column, key, $"has {embedding.Dimensions}-dimensional token vectors; the property declares {column.Dimensions}.");
        }

        if (TokenVectors.FindProblem(embedding.Vectors.Span, embedding.Dimensions) is { } problem)
        {
            throw Invalid(column, key, $"is unusable: {problem}");
        }

        bool pooled = index.TokenPoolFactor > 1;
        ReadOnlySpan<float> tokens = pooled
            ? HierarchicalTokenPooling.Pool(embedding.Vectors.Span, embedding.Dimensions, index.TokenPoolFactor)
            : embedding.Vectors.Span;
        return new StoredMultiVector(
            MaxSimDocument.Pack(tokens, tokens.Length / embedding.Dimensions, embedding.Dimensions, index.Packing(column.FirstStage)),
            embedding.ModelId,
            embedding.CreatedAt,
            pooled ? null : embedding.ImagePatches);
    }

    private static Exception Invalid(VectorColumn column, object key, string problem)
        => column.IsGenerated
            ? new InvalidOperationException($"The embedding generator of property '{column.Name}' returned, for record '{key}', a vector that {problem}")
            : new ArgumentException($"Record '{key}': the value of vector property '{column.Name}' {problem}", "records");
}

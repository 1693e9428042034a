using System.Numerics.Tensors;

namespace Providers.VectorData.LateInteraction;

/// <summary>Checks applied to a row-major <c>[tokens x dimensions]</c> buffer before it is packed for scoring.</summary>
internal static class TokenVectors
{
    /// <summary>Returns the number of tokens, after checking that the buffer holds whole, finite, non-empty rows.</summary>
    /// <exception cref="ArgumentException">The buffer is empty, ragged, or holds NaN or an infinity.</exception>
    public static int Validate(ReadOnlySpan<float> vectors, int dimensions, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        return FindProblem(vectors, dimensions) is { } problem
            ? throw new ArgumentException(problem, paramName)
            : vectors.Length / dimensions;
    }

    /// <summary>Describes what is wrong with the buffer, or returns <see langword="null"/> if it is fine.</summary>
    public static string? FindProblem(ReadOnlySpan<float> vectors, int dimensions)
    {
        if (vectors.IsEmpty)
        {
            return "A multi-vector needs at least one token vector.";
        }

        if (vectors.Length % dimensions != 0)
        {
            return $"The buffer holds {vectors.Length} values, which is not a whole number of {dimensions}-dimensional vectors.";
        }

        if (!TensorPrimitives.IsFiniteAll(vectors))
        {
            int index = IndexOfNonFinite(vectors);
            return $"Token {index / dimensions}, dimension {index % dimensions} is {vectors[index]}; vectors must be finite.";
        }

        return null;
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

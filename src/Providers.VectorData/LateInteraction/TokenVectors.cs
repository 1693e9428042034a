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
        if (vectors.IsEmpty)
        {
            throw new ArgumentException("A multi-vector needs at least one token vector.", paramName);
        }

        if (vectors.Length % dimensions != 0)
        {
            throw new ArgumentException(
                $"The buffer holds {vectors.Length} values, which is not a whole number of {dimensions}-dimensional vectors.",
                paramName);
        }

        if (!TensorPrimitives.IsFiniteAll(vectors))
        {
            int index = IndexOfNonFinite(vectors);
            throw new ArgumentException(
                $"Token {index / dimensions}, dimension {index % dimensions} is {vectors[index]}; vectors must be finite.",
                paramName);
        }

        return vectors.Length / dimensions;
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

using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>
/// A late-interaction embedding: one vector per token, stored row-major in one contiguous
/// <c>[tokens x dimensions]</c> buffer, as produced by ColBERT, ColPali and ColQwen models.
/// </summary>
/// <remarks>
/// Padding rows are never part of a <see cref="MultiVectorEmbedding"/>: providers drop them before constructing one.
/// Serialize it with <see cref="ProvidersJsonUtilities.DefaultOptions"/> (for example in
/// Microsoft.Extensions.AI's caching middleware), because <see cref="Embedding"/>'s own polymorphic list is closed.
/// </remarks>
[JsonConverter(typeof(MultiVectorEmbeddingJsonConverter))]
public sealed class MultiVectorEmbedding : Embedding
{
    private readonly int _dimensions;

    /// <summary>Initializes a new instance from a row-major <c>[tokenCount x dimensions]</c> buffer.</summary>
    /// <param name="vectors">The token vectors, row after row. The buffer is used as is, not copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The buffer length is not a whole number of vectors.</exception>
    public MultiVectorEmbedding(ReadOnlyMemory<float> vectors, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if (vectors.Length % dimensions != 0)
        {
            throw new ArgumentException(
                $"The buffer holds {vectors.Length} values, which is not a whole number of {dimensions}-dimensional vectors.",
                nameof(vectors));
        }

        Vectors = vectors;
        _dimensions = dimensions;
    }

    /// <summary>Gets the token vectors, row-major <c>[<see cref="TokenCount"/> x <see cref="Dimensions"/>]</c>.</summary>
    public ReadOnlyMemory<float> Vectors { get; }

    /// <summary>Gets the number of token vectors.</summary>
    public int TokenCount => Vectors.Length / _dimensions;

    /// <summary>Gets the length of each token vector.</summary>
    public override int Dimensions => _dimensions;

    /// <summary>
    /// Gets where the image tokens lie among the vectors, and the grid of merged patches they cover;
    /// <see langword="null"/> for text.
    /// </summary>
    public ImagePatchLayout? ImagePatches { get; init; }

    /// <summary>Gets the vector of one token.</summary>
    /// <param name="token">The token's index, from 0 to <see cref="TokenCount"/> - 1.</param>
    public ReadOnlySpan<float> GetVector(int token)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(token);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(token, TokenCount);
        return Vectors.Span.Slice(token * _dimensions, _dimensions);
    }

    /// <summary>Copies the vectors into a new jagged array, one array per token.</summary>
    public float[][] ToArrays()
    {
        var rows = new float[TokenCount][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = GetVector(i).ToArray();
        }

        return rows;
    }

    /// <summary>Creates an embedding from one array per token, checking that all have the same length.</summary>
    /// <param name="rows">The token vectors.</param>
    /// <exception cref="ArgumentException">There are no rows, or their lengths differ.</exception>
    public static MultiVectorEmbedding FromRows(IReadOnlyList<float[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows[0].Length == 0)
        {
            throw new ArgumentException("A multi-vector embedding needs at least one non-empty vector.", nameof(rows));
        }

        int dimensions = rows[0].Length;
        var buffer = new float[rows.Count * dimensions];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimensions)
            {
                throw new ArgumentException(
                    $"Vector {i} has {rows[i].Length} dimensions; vector 0 has {dimensions}.", nameof(rows));
            }

            rows[i].CopyTo(buffer.AsSpan(i * dimensions));
        }

        return new MultiVectorEmbedding(buffer, dimensions);
    }
}

/// <summary>Where an image's tokens lie in a <see cref="MultiVectorEmbedding"/>, and the patch grid they cover.</summary>
/// <param name="Start">Index of the first image token among the embedding's vectors.</param>
/// <param name="Length">Number of image tokens; equals <paramref name="GridWidth"/> × <paramref name="GridHeight"/> when the grid is known.</param>
/// <param name="GridWidth">Merged patches across (each covers 28×28 pixels of the resized image), or 0 when unknown.</param>
/// <param name="GridHeight">Merged patches down, or 0 when unknown.</param>
/// <remarks>Image tokens are row-major over (y, x): token <c>Start + y * GridWidth + x</c> covers patch (x, y).</remarks>
public sealed record ImagePatchLayout(int Start, int Length, int GridWidth = 0, int GridHeight = 0);

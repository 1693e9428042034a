using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>
/// Puts the items of an OpenAI-style embeddings answer (<c>data[]</c> with optional <c>index</c>) back in input order,
/// checking what every provider must: one embedding per input, indices complete and unrepeated, one vector length
/// throughout, and the length the caller asked for when it asked for one.
/// </summary>
public static class EmbeddingAnswer
{
    /// <summary>Orders and checks the embeddings of an answer.</summary>
    /// <typeparam name="TItem">The answer's item type.</typeparam>
    /// <typeparam name="TEmbedding">The embedding type.</typeparam>
    /// <param name="data">The answer's items, or <see langword="null"/> when the answer has none.</param>
    /// <param name="expected">The number of inputs sent.</param>
    /// <param name="requestedDimensions">The vector length asked for, if any; servers that ignore the field must not pass.</param>
    /// <param name="indexOf">Reads an item's <c>index</c>; <see langword="null"/> means its position.</param>
    /// <param name="toEmbedding">Builds the embedding of an item (given its index), throwing when the item has no vector.</param>
    /// <param name="invalid">Builds the error for a problem, naming the service.</param>
    /// <returns>The embeddings, in input order.</returns>
    public static TEmbedding[] InInputOrder<TItem, TEmbedding>(
        IReadOnlyList<TItem>? data, int expected, int? requestedDimensions,
        Func<TItem, int?> indexOf, Func<TItem, int, TEmbedding> toEmbedding, Func<string, Exception> invalid)
        where TEmbedding : Embedding
    {
        ArgumentNullException.ThrowIfNull(indexOf);
        ArgumentNullException.ThrowIfNull(toEmbedding);
        ArgumentNullException.ThrowIfNull(invalid);
        if (data is null)
        {
            throw invalid("The answer has no 'data' array.");
        }

        if (data.Count != expected)
        {
            throw invalid($"The answer holds {data.Count} embeddings for {expected} inputs.");
        }

        var ordered = new TEmbedding[expected];
        int dimensions = -1;
        for (int i = 0; i < data.Count; i++)
        {
            int index = indexOf(data[i]) ?? i;
            if ((uint)index >= (uint)expected || ordered[index] is not null)
            {
                throw invalid($"The answer's indices are not one per input: index {index} is out of range or repeated.");
            }

            var embedding = toEmbedding(data[i], index);
            if (dimensions < 0)
            {
                // Some servers (OVMS, Ray Serve) ignore 'dimensions'; a full-length vector must not pass for a shortened one.
                if (requestedDimensions is { } asked && embedding.Dimensions != asked)
                {
                    throw invalid($"Embedding {index} has {embedding.Dimensions} dimensions; {asked} were asked for (the service may not support 'dimensions').");
                }

                dimensions = embedding.Dimensions;
            }
            else if (embedding.Dimensions != dimensions)
            {
                throw invalid($"Embedding {index} has {embedding.Dimensions} dimensions; the others have {dimensions}.");
            }

            ordered[index] = embedding;
        }

        return ordered;
    }
}

using System.Numerics.Tensors;
using Providers.Core;

namespace Providers.Samples.Rag;

/// <summary>
/// How strongly each query token matches each image patch of a page: the dot products MaxSim takes its maxima
/// from, kept whole so they can be drawn.
/// </summary>
internal sealed class PatchSimilarity
{
    private readonly float[] _similarities;

    private PatchSimilarity(float[] similarities, int queryTokens, ImagePatchLayout patches)
    {
        _similarities = similarities;
        QueryTokens = queryTokens;
        GridWidth = patches.GridWidth;
        GridHeight = patches.GridHeight;
    }

    public int QueryTokens { get; }

    public int GridWidth { get; }

    public int GridHeight { get; }

    public int PatchCount => GridWidth * GridHeight;

    /// <summary>Compares every query token with every image patch of <paramref name="page"/>.</summary>
    /// <exception cref="ArgumentException">The page embedding has no image patch grid, or the dimensions differ.</exception>
    public static PatchSimilarity Compute(MultiVectorEmbedding query, MultiVectorEmbedding page)
    {
        if (page.ImagePatches is not { GridWidth: > 0, GridHeight: > 0 } patches)
        {
            throw new ArgumentException("The page embedding does not say which of its vectors cover which image patches.", nameof(page));
        }

        if (query.Dimensions != page.Dimensions)
        {
            throw new ArgumentException($"The query has {query.Dimensions} dimensions; the page has {page.Dimensions}.", nameof(query));
        }

        int patchCount = patches.GridWidth * patches.GridHeight;
        var similarities = new float[query.TokenCount * patchCount];
        for (int token = 0; token < query.TokenCount; token++)
        {
            var queryVector = query.GetVector(token);
            for (int patch = 0; patch < patchCount; patch++)
            {
                similarities[(token * patchCount) + patch] = TensorPrimitives.Dot(queryVector, page.GetVector(patches.Start + patch));
            }
        }

        return new PatchSimilarity(similarities, query.TokenCount, patches);
    }

    /// <summary>Gets the similarity of one query token to each patch, row-major over (y, x).</summary>
    public ReadOnlySpan<float> ForToken(int token) => _similarities.AsSpan(token * PatchCount, PatchCount);

    /// <summary>Gets, for each patch, its best similarity to any query token: what the patch contributes to MaxSim at most.</summary>
    public float[] BestPerPatch()
    {
        var best = ForToken(0).ToArray();
        for (int token = 1; token < QueryTokens; token++)
        {
            TensorPrimitives.Max(best, ForToken(token), best);
        }

        return best;
    }

    /// <summary>Gets the smallest and largest similarity over all tokens and patches.</summary>
    public (float Min, float Max) Range() => (TensorPrimitives.Min(_similarities), TensorPrimitives.Max(_similarities));
}

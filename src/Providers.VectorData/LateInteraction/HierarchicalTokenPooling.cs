using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Providers.Core;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// Shrinks a document's multi-vector by merging similar tokens, as ColPali's hierarchical token pooling does:
/// Ward agglomerative clustering into <c>max(tokens / poolFactor, 1)</c> clusters, each replaced by the normalised
/// mean of its tokens.
/// </summary>
/// <remarks>
/// <para>
/// colpali_engine's <c>HierarchicalTokenPooler</c> hands SciPy the <c>1 - cosine</c> matrix as if its rows were
/// observations, so it clusters tokens by their similarity profiles. This implementation clusters the token
/// vectors themselves with Ward's criterion, which for unit vectors is the same cosine geometry, and needs no
/// <c>n³</c> step. Merges are found with the nearest-neighbour chain algorithm on a Lance–Williams distance matrix:
/// <c>O(n²)</c> time and memory per document, about 1030² floats for a ColPali page.
/// </para>
/// <para>
/// Pooling is meant for documents, not queries. Results are deterministic: ties go to the lower token index, and
/// pooled vectors are ordered by the first token of their cluster.
/// </para>
/// </remarks>
public static class HierarchicalTokenPooling
{
    /// <summary>Pools row-major <c>[tokens x dimensions]</c> vectors.</summary>
    /// <param name="vectors">The token vectors, row after row.</param>
    /// <param name="dimensions">The length of each vector.</param>
    /// <param name="poolFactor">The factor by which to reduce the token count; 1 copies the vectors unchanged.</param>
    /// <returns>The pooled vectors, row-major, <c>max(tokens / poolFactor, 1)</c> of them.</returns>
    /// <exception cref="ArgumentException">The buffer is empty, ragged, or holds NaN or an infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="poolFactor"/> is less than 1.</exception>
    public static float[] Pool(ReadOnlySpan<float> vectors, int dimensions, int poolFactor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(poolFactor, 1);
        int tokenCount = TokenVectors.Validate(vectors, dimensions, nameof(vectors));
        int clusterCount = Math.Max(tokenCount / poolFactor, 1);
        if (clusterCount == tokenCount)
        {
            return vectors.ToArray();
        }

        int[] labels = Cluster(vectors, tokenCount, dimensions, clusterCount);
        return PoolClusters(vectors, labels, dimensions);
    }

    /// <summary>Pools a multi-vector embedding.</summary>
    /// <param name="embedding">The document embedding.</param>
    /// <param name="poolFactor">The factor by which to reduce the token count; 1 returns an unchanged copy.</param>
    /// <returns>
    /// A new embedding with the pooled vectors and the original's model id and creation time; image patch
    /// positions no longer apply and are dropped.
    /// </returns>
    public static MultiVectorEmbedding Pool(MultiVectorEmbedding embedding, int poolFactor)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        float[] pooled = Pool(embedding.Vectors.Span, embedding.Dimensions, poolFactor);
        return new MultiVectorEmbedding(pooled, embedding.Dimensions)
        {
            ModelId = embedding.ModelId,
            CreatedAt = embedding.CreatedAt,
        };
    }

    /// <summary>Returns, for each token, the smallest token index of its cluster.</summary>
    private static int[] Cluster(ReadOnlySpan<float> vectors, int n, int dimensions, int clusterCount)
    {
        float[] rented = ArrayPool<float>.Shared.Rent(n * n);
        try
        {
            Span<float> distances = rented.AsSpan(0, n * n);
            FillSquaredDistances(vectors, n, dimensions, distances);
            List<Merge> merges = BuildDendrogram(distances, n);

            // The chain finds merges out of height order; the cut keeps the n - clusterCount lowest ones.
            merges.Sort(static (a, b) => a.Height != b.Height ? a.Height.CompareTo(b.Height) : a.Order.CompareTo(b.Order));
            var parents = new int[n];
            for (int i = 0; i < n; i++)
            {
                parents[i] = i;
            }

            for (int i = 0; i < n - clusterCount; i++)
            {
                int a = Find(parents, merges[i].Left);
                int b = Find(parents, merges[i].Right);
                parents[Math.Max(a, b)] = Math.Min(a, b);
            }

            var labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = Find(parents, i);
            }

            return labels;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static void FillSquaredDistances(ReadOnlySpan<float> vectors, int n, int dimensions, Span<float> distances)
    {
        Span<float> norms = n <= 4096 ? stackalloc float[n] : new float[n];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = vectors.Slice(i * dimensions, dimensions);
            norms[i] = TensorPrimitives.Dot(row, row);
        }

        Span<float> dots = stackalloc float[4];
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> left = vectors.Slice(i * dimensions, dimensions);
            distances[(i * n) + i] = float.PositiveInfinity;
            for (int j = i + 1; j < n; j += 4)
            {
                int count = Math.Min(4, n - j);
                DotWithRows(left, vectors.Slice(j * dimensions, count * dimensions), dots[..count]);
                for (int c = 0; c < count; c++)
                {
                    float squared = Math.Max(norms[i] + norms[j + c] - (2f * dots[c]), 0f);
                    distances[(i * n) + j + c] = squared;
                    distances[((j + c) * n) + i] = squared;
                }
            }
        }
    }

    /// <summary>Computes the dot products of one vector with up to four consecutive rows, reading the vector once.</summary>
    private static void DotWithRows(ReadOnlySpan<float> left, ReadOnlySpan<float> rows, Span<float> dots)
    {
        int dimensions = left.Length;
        if (dots.Length < 4)
        {
            for (int c = 0; c < dots.Length; c++)
            {
                dots[c] = TensorPrimitives.Dot(left, rows.Slice(c * dimensions, dimensions));
            }

            return;
        }

        var a0 = Vector<float>.Zero;
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        int k = 0;
        for (; k <= dimensions - Vector<float>.Count; k += Vector<float>.Count)
        {
            var l = new Vector<float>(left[k..]);
            a0 += l * new Vector<float>(rows[k..]);
            a1 += l * new Vector<float>(rows[(dimensions + k)..]);
            a2 += l * new Vector<float>(rows[((2 * dimensions) + k)..]);
            a3 += l * new Vector<float>(rows[((3 * dimensions) + k)..]);
        }

        dots[0] = Vector.Sum(a0);
        dots[1] = Vector.Sum(a1);
        dots[2] = Vector.Sum(a2);
        dots[3] = Vector.Sum(a3);
        for (; k < dimensions; k++)
        {
            for (int c = 0; c < 4; c++)
            {
                dots[c] += left[k] * rows[(c * dimensions) + k];
            }
        }
    }

    /// <summary>
    /// Runs the nearest-neighbour chain over Ward distances (Lance–Williams form on squared Euclidean distances),
    /// returning all n - 1 merges. A merged cluster keeps the lower of its two slots; a retired slot's row and
    /// column become +∞ so that it is never anyone's nearest neighbour again.
    /// </summary>
    private static List<Merge> BuildDendrogram(Span<float> distances, int n)
    {
        var sizes = new int[n];
        Array.Fill(sizes, 1);
        var merges = new List<Merge>(n - 1);
        var chain = new List<int>(n);
        int nextStart = 0;
        for (int remaining = n; remaining > 1; remaining--)
        {
            if (chain.Count == 0)
            {
                while (sizes[nextStart] == 0)
                {
                    nextStart++;
                }

                chain.Add(nextStart);
            }

            int a;
            int b;
            while (true)
            {
                a = chain[^1];
                Span<float> row = distances.Slice(a * n, n);
                b = TensorPrimitives.IndexOfMin(row);

                // Preferring the previous link on a tie is what guarantees the chain ends.
                if (chain.Count >= 2 && row[chain[^2]] <= row[b])
                {
                    b = chain[^2];
                    break;
                }

                chain.Add(b);
            }

            chain.RemoveRange(chain.Count - 2, 2);
            int kept = Math.Min(a, b);
            int retired = Math.Max(a, b);
            float height = distances[(a * n) + b];
            merges.Add(new Merge(kept, retired, height, merges.Count));
            UpdateDistances(distances, n, sizes, kept, retired, height);
            sizes[kept] += sizes[retired];
            sizes[retired] = 0;
        }

        return merges;
    }

    private static void UpdateDistances(Span<float> distances, int n, int[] sizes, int kept, int retired, float height)
    {
        // Rows are read, and the kept row written, contiguously; only the two columns are written with a stride.
        Span<float> keptRow = distances.Slice(kept * n, n);
        Span<float> retiredRow = distances.Slice(retired * n, n);
        float sizeKept = sizes[kept];
        float sizeRetired = sizes[retired];
        for (int k = 0; k < n; k++)
        {
            if (sizes[k] == 0 || k == kept || k == retired)
            {
                continue;
            }

            float sizeK = sizes[k];
            float merged = (((sizeKept + sizeK) * keptRow[k]) + ((sizeRetired + sizeK) * retiredRow[k]) - (sizeK * height))
                / (sizeKept + sizeRetired + sizeK);
            keptRow[k] = merged;
            distances[(k * n) + kept] = merged;
            distances[(k * n) + retired] = float.PositiveInfinity;
        }

        // Retired rows are all +∞, so only active rows needed their column entry cleared above.
        retiredRow.Fill(float.PositiveInfinity);
        keptRow[retired] = float.PositiveInfinity;
    }

    private static float[] PoolClusters(ReadOnlySpan<float> vectors, int[] labels, int dimensions)
    {
        // Labels are each cluster's smallest token index, so first appearance orders clusters by their first token.
        var slots = new Dictionary<int, int>();
        foreach (int label in labels)
        {
            slots.TryAdd(label, slots.Count);
        }

        // The normalised sum is the normalised mean.
        var pooled = new float[slots.Count * dimensions];
        for (int token = 0; token < labels.Length; token++)
        {
            int slot = slots[labels[token]];
            Span<float> sum = pooled.AsSpan(slot * dimensions, dimensions);
            TensorPrimitives.Add(sum, vectors.Slice(token * dimensions, dimensions), sum);
        }

        for (int slot = 0; slot < slots.Count; slot++)
        {
            Span<float> mean = pooled.AsSpan(slot * dimensions, dimensions);
            float norm = TensorPrimitives.Norm(mean);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(mean, norm, mean);
            }
        }

        return pooled;
    }

    private static int Find(int[] parents, int token)
    {
        while (parents[token] != token)
        {
            parents[token] = parents[parents[token]];
            token = parents[token];
        }

        return token;
    }

    private readonly record struct Merge(int Left, int Right, float Height, int Order);
}

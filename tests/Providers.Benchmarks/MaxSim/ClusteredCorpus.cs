namespace Providers.Benchmarks.MaxSim;

/// <summary>
/// Documents whose token vectors gather around a few of many shared centroids, as page patches gather around
/// "white background", "table rule" or "body text" in real ColPali embeddings; queries are noisy copies of tokens
/// of one target document. Uniform random vectors make every document score alike, which says nothing about recall.
/// </summary>
internal sealed class ClusteredCorpus
{
    private const int CentroidCount = 512;
    private const int TopicsPerDocument = 24;
    private const float DocumentNoise = 0.8f;
    private const float QueryNoise = 0.5f;

    private readonly float[] _centroids;
    private readonly int _seed;

    public ClusteredCorpus(int tokensPerDocument, int dimensions, int seed)
    {
        TokensPerDocument = tokensPerDocument;
        Dimensions = dimensions;
        _seed = seed;
        _centroids = new float[CentroidCount * dimensions];
        SyntheticVectors.FillUniform(_centroids, dimensions, new Random(seed));
    }

    public int TokensPerDocument { get; }

    public int Dimensions { get; }

    /// <summary>Writes document <paramref name="index"/>'s tokens, the same ones on every call.</summary>
    public void WriteDocument(int index, Span<float> rows)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + index));
        Span<int> topics = stackalloc int[TopicsPerDocument];
        for (int i = 0; i < topics.Length; i++)
        {
            topics[i] = random.Next(CentroidCount);
        }

        for (int token = 0; token < TokensPerDocument; token++)
        {
            int centroid = topics[random.Next(topics.Length)];
            SyntheticVectors.Perturb(
                _centroids.AsSpan(centroid * Dimensions, Dimensions),
                DocumentNoise,
                rows.Slice(token * Dimensions, Dimensions),
                random);
        }
    }

    /// <summary>Returns a query made of noisy copies of random tokens of document <paramref name="target"/>.</summary>
    public float[] CreateQuery(int target, int queryTokens, Random random)
    {
        var document = new float[TokensPerDocument * Dimensions];
        WriteDocument(target, document);
        var query = new float[queryTokens * Dimensions];
        for (int q = 0; q < queryTokens; q++)
        {
            int token = random.Next(TokensPerDocument);
            SyntheticVectors.Perturb(
                document.AsSpan(token * Dimensions, Dimensions),
                QueryNoise,
                query.AsSpan(q * Dimensions, Dimensions),
                random);
        }

        return query;
    }
}

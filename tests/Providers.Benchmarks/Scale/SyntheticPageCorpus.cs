using Providers.Benchmarks.MaxSim;

namespace Providers.Benchmarks.Scale;

/// <summary>Clustered synthetic pages (<see cref="ClusteredCorpus"/>); each query is a noisy copy of tokens of a random page.</summary>
internal sealed class SyntheticPageCorpus(int pages, int pageTokens, int dimensions, int queryTokens, int seed) : IPageCorpus
{
    private readonly ClusteredCorpus _corpus = new(pageTokens, dimensions, seed);

    public int Dimensions => dimensions;

    public float[] Page(int index)
    {
        var rows = new float[pageTokens * dimensions];
        _corpus.WriteDocument(index, rows);
        return rows;
    }

    public float[] Query(int index)
    {
        var random = new Random(seed + 7 + index);
        return _corpus.CreateQuery(random.Next(pages), queryTokens, random);
    }
}

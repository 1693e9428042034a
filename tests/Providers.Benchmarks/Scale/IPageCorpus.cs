namespace Providers.Benchmarks.Scale;

/// <summary>The pages and queries of a scale run: every page can be produced again, so exact MaxSim needs no copy in memory.</summary>
internal interface IPageCorpus
{
    int Dimensions { get; }

    /// <summary>Returns page <paramref name="index"/>'s row-major token vectors, the same on every call.</summary>
    float[] Page(int index);

    /// <summary>Returns query <paramref name="index"/>'s row-major token vectors.</summary>
    float[] Query(int index);
}

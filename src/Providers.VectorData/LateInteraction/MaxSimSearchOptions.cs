namespace Providers.VectorData.LateInteraction;

/// <summary>How <see cref="MaxSim.Search"/> ranks documents.</summary>
public sealed class MaxSimSearchOptions
{
    internal static MaxSimSearchOptions Default { get; } = new();

    /// <summary>
    /// Gets or sets the precision every document is ranked in first. With <see cref="MaxSimPrecision.Float32"/>
    /// (the default) the ranking is exact and there is no second stage; otherwise the documents must have been packed
    /// for this precision, and the leading <see cref="RescoreCount"/> candidates are rescored exactly.
    /// </summary>
    public MaxSimPrecision FirstStage { get; set; } = MaxSimPrecision.Float32;

    /// <summary>Gets or sets how many first-stage candidates are rescored exactly (at least the requested top). Defaults to 100.</summary>
    public int RescoreCount { get; set; } = 100;

    /// <summary>
    /// Gets or sets how many documents the candidate stage shortlists before the first stage; 0 (the default) ranks
    /// every document in the first stage. The documents must have been packed with
    /// <see cref="MaxSimPacking.PooledSummary"/>: the candidate stage scores each document's few pooled vectors in
    /// int8, a small fraction of any MaxSim stage over all its tokens.
    /// </summary>
    public int CandidateCount { get; set; }

    /// <summary>Gets or sets the most threads scoring uses; -1 (the default) for one per processor.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;
}

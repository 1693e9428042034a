using Providers.VectorData.LateInteraction;

namespace Providers.VectorData;

/// <summary>How a collection stores and searches its multi-vector (MaxSim) properties.</summary>
public sealed class MultiVectorIndexOptions
{
    /// <summary>
    /// Gets or sets how many first-stage candidates are rescored exactly when a property's index kind is
    /// <see cref="MultiVectorIndexKind.Int8Flat"/> or <see cref="MultiVectorIndexKind.BinaryFlat"/>. Defaults to 100.
    /// </summary>
    public int RescoreCount { get; set; } = 100;

    /// <summary>
    /// Gets or sets the factor by which hierarchical token pooling shrinks each stored document's token vectors;
    /// 1 (the default) stores them as given. Queries are never pooled.
    /// </summary>
    public int TokenPoolFactor { get; set; } = 1;

    /// <summary>Gets or sets the most threads a search or an upsert uses; -1 (the default) for one per processor.</summary>
    public int MaxDegreeOfParallelism { get; set; } = -1;

    /// <summary>
    /// Gets or sets the form in which properties of index kind <see cref="MultiVectorIndexKind.Int8Flat"/> or
    /// <see cref="MultiVectorIndexKind.BinaryFlat"/> keep their vectors for rescoring. Defaults to
    /// <see cref="MaxSimPrecision.Int8"/>: a quarter of single precision, ranking like it closely, with scores that
    /// deviate by the quantization error. <see cref="MaxSimPrecision.Float32"/> keeps single precision for exact
    /// scores; <see cref="MaxSimPrecision.Int4"/> (with <see cref="MultiVectorIndexKind.BinaryFlat"/>) an eighth.
    /// <see cref="MultiVectorIndexKind.Flat"/> always keeps single precision.
    /// </summary>
    public MaxSimPrecision RescorePrecision { get; set; } = MaxSimPrecision.Int8;

    /// <summary>
    /// Gets or sets how many documents the candidate stage shortlists before the first stage ranks them; 0 (the
    /// default) ranks every document. With a candidate count, documents are stored with a pooled summary (at most 32
    /// int8 vectors, about 4.2 KB for 128 dimensions) whose MaxSim costs about a thirtieth of the first stage's, so a
    /// search grows with the collection far more slowly.
    /// </summary>
    public int CandidateCount { get; set; }

    internal MultiVectorIndexOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(RescoreCount, nameof(RescoreCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenPoolFactor, 1, nameof(TokenPoolFactor));
        ArgumentOutOfRangeException.ThrowIfNegative(CandidateCount, nameof(CandidateCount));
        if (RescorePrecision is not (MaxSimPrecision.Float32 or MaxSimPrecision.Int8 or MaxSimPrecision.Int4))
        {
            throw new ArgumentOutOfRangeException(nameof(RescorePrecision), RescorePrecision, "Rescore in Float32, Int8 or Int4.");
        }

        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 or a positive number.");
        }

        return new MultiVectorIndexOptions
        {
            RescoreCount = RescoreCount,
            TokenPoolFactor = TokenPoolFactor,
            MaxDegreeOfParallelism = MaxDegreeOfParallelism,
            RescorePrecision = RescorePrecision,
            CandidateCount = CandidateCount,
        };
    }

    /// <summary>Returns how documents of a property ranked first in <paramref name="firstStage"/> are packed.</summary>
    internal MaxSimPacking Packing(MaxSimPrecision firstStage) => new()
    {
        FirstStage = firstStage,
        Rescoring = firstStage switch
        {
            MaxSimPrecision.Float32 => MaxSimPrecision.Float32,
            MaxSimPrecision.Int8 when RescorePrecision == MaxSimPrecision.Int4 => MaxSimPrecision.Int8,
            _ => RescorePrecision,
        },
        PooledSummary = CandidateCount > 0,
    };
}

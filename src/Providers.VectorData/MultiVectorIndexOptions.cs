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
    /// Gets or sets whether properties of index kind <see cref="MultiVectorIndexKind.Int8Flat"/> or
    /// <see cref="MultiVectorIndexKind.BinaryFlat"/> also keep their vectors in single precision, so that candidates
    /// are rescored exactly. Defaults to <see langword="false"/>: they keep int8 vectors (and sign bits for
    /// <see cref="MultiVectorIndexKind.BinaryFlat"/>), a quarter of the memory, and rescore in int8, whose ranking
    /// matches single precision closely but whose scores deviate by the quantization error.
    /// <see cref="MultiVectorIndexKind.Flat"/> always keeps single precision.
    /// </summary>
    public bool KeepFullPrecision { get; set; }

    internal MultiVectorIndexOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(RescoreCount, nameof(RescoreCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(TokenPoolFactor, 1, nameof(TokenPoolFactor));
        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use -1 or a positive number.");
        }

        return new MultiVectorIndexOptions
        {
            RescoreCount = RescoreCount,
            TokenPoolFactor = TokenPoolFactor,
            MaxDegreeOfParallelism = MaxDegreeOfParallelism,
            KeepFullPrecision = KeepFullPrecision,
        };
    }

    /// <summary>Returns whether documents ranked in <paramref name="firstStage"/> keep their single-precision vectors.</summary>
    internal bool KeepsFloat32(MaxSimPrecision firstStage) => KeepFullPrecision || firstStage == MaxSimPrecision.Float32;
}

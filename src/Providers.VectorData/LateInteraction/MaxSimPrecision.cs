namespace Providers.VectorData.LateInteraction;

/// <summary>The number representation a MaxSim score is computed in.</summary>
public enum MaxSimPrecision
{
    /// <summary>Single precision: the exact score, and the one every search returns.</summary>
    Float32,

    /// <summary>
    /// Int8 with one scale per token vector: about four times smaller than <see cref="Float32"/> and about twice as
    /// fast; scores deviate by the quantization error, so it serves as a first stage before exact rescoring.
    /// </summary>
    Int8,

    /// <summary>
    /// One sign bit per dimension, compared by Hamming distance: 32 times smaller than <see cref="Float32"/>; a
    /// coarse first stage whose candidates must be rescored exactly.
    /// </summary>
    Binary,

    /// <summary>
    /// Four bits per dimension with one scale per token vector: eight times smaller than <see cref="Float32"/>. A
    /// rescoring form for compact documents when even int8 takes too much memory; not a first stage.
    /// </summary>
    Int4,
}

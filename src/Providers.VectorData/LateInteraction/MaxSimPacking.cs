namespace Providers.VectorData.LateInteraction;

/// <summary>Which forms <see cref="MaxSimDocument.Create(ReadOnlySpan{float}, int, MaxSimPacking)"/> packs a document's vectors in.</summary>
public sealed class MaxSimPacking
{
    /// <summary>Gets or sets the precision documents are ranked in first. Defaults to <see cref="MaxSimPrecision.Float32"/>.</summary>
    public MaxSimPrecision FirstStage { get; set; } = MaxSimPrecision.Float32;

    /// <summary>
    /// Gets or sets the precision candidates are rescored in: <see cref="MaxSimPrecision.Float32"/> (the default;
    /// exact scores), <see cref="MaxSimPrecision.Int8"/> or <see cref="MaxSimPrecision.Int4"/>. Only the forms named
    /// here and in <see cref="FirstStage"/> are kept.
    /// </summary>
    public MaxSimPrecision Rescoring { get; set; } = MaxSimPrecision.Float32;

    /// <summary>
    /// Gets or sets whether to add a pooled summary: at most 32 int8 vectors, each the normalised mean of the
    /// document's tokens that share a SimHash bucket, which <see cref="MaxSimSearchOptions.CandidateCount"/> scores
    /// to shortlist documents before the first stage (about 4.2 KB per document of 128-dimensional tokens).
    /// </summary>
    public bool PooledSummary { get; set; }

    internal void Validate()
    {
        if (FirstStage == MaxSimPrecision.Int4)
        {
            throw new ArgumentException("Int4 is a rescoring form, not a first stage.", nameof(FirstStage));
        }

        if (Rescoring == MaxSimPrecision.Binary)
        {
            throw new ArgumentException("Sign bits are a first stage, not a rescoring form.", nameof(Rescoring));
        }

        if (FirstStage == MaxSimPrecision.Int8 && Rescoring == MaxSimPrecision.Int4)
        {
            throw new ArgumentException("A document ranked in int8 holds int8 vectors: rescore in Int8 or Float32.", nameof(Rescoring));
        }

        if (FirstStage == MaxSimPrecision.Float32 && Rescoring != MaxSimPrecision.Float32)
        {
            throw new ArgumentException("A document ranked in single precision must keep its single-precision vectors.", nameof(Rescoring));
        }
    }
}

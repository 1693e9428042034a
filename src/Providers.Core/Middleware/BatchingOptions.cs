namespace Providers.Core;

/// <summary>How <see cref="BatchingEmbeddingGenerator{TInput, TEmbedding}"/> splits a call.</summary>
public sealed class BatchingOptions
{
    /// <summary>Gets or sets the most inputs per request. Default 50, as the SV Ray reference client sends.</summary>
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>Gets or sets the most requests in flight at once. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    internal void ThrowIfInvalid()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBatchSize, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrency, nameof(MaxConcurrency));
    }
}

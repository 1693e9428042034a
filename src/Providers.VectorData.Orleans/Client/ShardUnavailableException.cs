using Microsoft.Extensions.VectorData;

namespace Providers.VectorData.Orleans;

/// <summary>
/// A shard could not be reached: its silo died or stopped answering. The operation may have taken effect (a write
/// that was committed before the answer was lost) or not; retrying it is safe, since upserts and deletes are
/// idempotent, and succeeds once Orleans has reactivated the shard on a live silo.
/// </summary>
public sealed class ShardUnavailableException : VectorStoreException
{
    /// <summary>Initializes a new instance.</summary>
    public ShardUnavailableException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What failed.</param>
    public ShardUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and the Orleans failure.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The failure Orleans reported.</param>
    public ShardUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the shard that failed, or null when the catalog did.</summary>
    public int? Shard { get; init; }

    /// <summary>Gets whether retrying may succeed; always true.</summary>
    public bool IsRetryable => true;
}

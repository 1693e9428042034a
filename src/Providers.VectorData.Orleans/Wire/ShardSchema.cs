using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Orleans.Wire;

/// <summary>
/// A collection's shape as the shards see it: the key, the data properties and the vector properties with the
/// embedding type they store (never a generator's input type: embeddings are generated on the client).
/// </summary>
/// <remarks>Kept as JSON in PostgreSQL's catalog, so a shard that activates anywhere can rebuild its index.</remarks>
[GenerateSerializer, Alias("pvli.ShardSchema")]
internal sealed record ShardSchema
{
    [Id(0)] public required ShardProperty Key { get; init; }

    [Id(1)] public ShardProperty[] Data { get; init; } = [];

    [Id(2)] public ShardVectorProperty[] Vectors { get; init; } = [];

    [Id(3)] public int ShardCount { get; init; }

    [Id(4)] public int RescoreCount { get; init; }

    [Id(5)] public int TokenPoolFactor { get; init; }

    [Id(6)] public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Gets the form compact index kinds keep for rescoring; a catalog written before it existed reads the default.</summary>
    [Id(7)] public MaxSimPrecision RescorePrecision { get; init; } = MaxSimPrecision.Int8;

    /// <summary>Gets how many documents the fixed-dimensional encoding shortlists in each shard; 0 ranks every document.</summary>
    [Id(8)] public int CandidateCount { get; init; }

    /// <summary>Returns whether two schemas describe the same records, whatever index settings each asks for.</summary>
    public bool HasSameShapeAs(ShardSchema other)
        => Key == other.Key && Data.SequenceEqual(other.Data) && Vectors.SequenceEqual(other.Vectors) && ShardCount == other.ShardCount;
}

/// <summary>A key or data property: its name and its .NET type, as <c>"Full.Name, Assembly"</c>.</summary>
[GenerateSerializer, Alias("pvli.ShardProperty")]
internal sealed record ShardProperty([property: Id(0)] string Name, [property: Id(1)] string Type);

/// <summary>A vector property: multi-vector or single, with what the index needs.</summary>
[GenerateSerializer, Alias("pvli.ShardVectorProperty")]
internal sealed record ShardVectorProperty(
    [property: Id(0)] string Name,
    [property: Id(1)] bool IsMultiVector,
    [property: Id(2)] int Dimensions,
    [property: Id(3)] string? IndexKind,
    [property: Id(4)] string? DistanceFunction);

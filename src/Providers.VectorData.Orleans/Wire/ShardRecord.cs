namespace Providers.VectorData.Orleans.Wire;

/// <summary>One record as it travels between the client and a shard grain, and as PostgreSQL keeps it.</summary>
/// <remarks>
/// Key and data are JSON, typed by the collection's schema at either end, so that any .NET data type the
/// single-machine store accepts crosses the wire without an Orleans serializer of its own.
/// </remarks>
[GenerateSerializer, Alias("pvli.ShardRecord")]
internal sealed class ShardRecord
{
    /// <summary>Gets the key as JSON; also the record's identity in PostgreSQL and the input of shard routing.</summary>
    [Id(0)] public required string Key { get; init; }

    /// <summary>Gets the insertion number that equal scores rank by, reserved by the client for a whole batch.</summary>
    [Id(1)] public long Sequence { get; init; }

    /// <summary>Gets the data properties as one JSON object keyed by property name.</summary>
    [Id(2)] public required string Data { get; init; }

    /// <summary>Gets one entry per vector property in schema order; null where the record has none or vectors were not asked for.</summary>
    [Id(3)] public ShardVector?[] Vectors { get; init; } = [];
}

/// <summary>A single vector (<see cref="TokenDimensions"/> 0) or a multi-vector with its embedding metadata.</summary>
[GenerateSerializer, Alias("pvli.ShardVector")]
internal sealed class ShardVector
{
    [Id(0)] public required float[] Values { get; init; }

    /// <summary>Gets the dimensions of one token vector for a multi-vector; 0 for a single vector.</summary>
    [Id(1)] public int TokenDimensions { get; init; }

    [Id(2)] public string? ModelId { get; init; }

    [Id(3)] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets the image patch layout as start, length, grid width, grid height; null when there is none.</summary>
    [Id(4)] public int[]? ImagePatches { get; init; }
}

/// <summary>A record found by a shard's search, with its exact score.</summary>
[GenerateSerializer, Alias("pvli.ShardHit")]
internal sealed record ShardHit([property: Id(0)] ShardRecord Record, [property: Id(1)] double Score);

/// <summary>A search sent to every shard: each returns its own best <see cref="Top"/> hits.</summary>
[GenerateSerializer, Alias("pvli.ShardSearch")]
internal sealed class ShardSearch
{
    [Id(0)] public required string VectorProperty { get; init; }

    [Id(1)] public required ShardVector Query { get; init; }

    /// <summary>Gets how many hits each shard returns: the caller's top plus skip.</summary>
    [Id(2)] public int Top { get; init; }

    [Id(3)] public ShardFilter? Filter { get; init; }

    [Id(4)] public bool IncludeVectors { get; init; }

    [Id(5)] public double? ScoreThreshold { get; init; }
}

/// <summary>A filtered retrieval sent to every shard: each returns its first <see cref="Top"/> records in the requested order.</summary>
[GenerateSerializer, Alias("pvli.ShardQuery")]
internal sealed class ShardQuery
{
    [Id(0)] public ShardFilter? Filter { get; init; }

    [Id(1)] public int Top { get; init; }

    [Id(2)] public ShardSort[] OrderBy { get; init; } = [];

    [Id(3)] public bool IncludeVectors { get; init; }
}

/// <summary>One ordering key of a filtered retrieval.</summary>
[GenerateSerializer, Alias("pvli.ShardSort")]
internal sealed record ShardSort([property: Id(0)] string Property, [property: Id(1)] bool Ascending);

namespace Providers.VectorData.Storage;

/// <summary>One record as the store keeps it; immutable, so readers never see it half-written.</summary>
/// <param name="Key">The record's key.</param>
/// <param name="Sequence">The order of first insertion; equal scores rank by it.</param>
/// <param name="Schema">The schema of the collection object that wrote the record, which <paramref name="View"/> follows.</param>
/// <param name="View">
/// A record instance holding the key and the data properties, never handed out: filters run against it and results
/// are copied from it. A collection object of another record type (a dynamic view of a typed collection) converts it.
/// </param>
/// <param name="Vectors">
/// One entry per vector property, in model order: a <see langword="float"/>[] for a single vector, a
/// <see cref="StoredMultiVector"/> for a multi-vector, or <see langword="null"/> where the record has none.
/// </param>
internal sealed record StoredRecord(object Key, long Sequence, CollectionSchema Schema, object View, object?[] Vectors);

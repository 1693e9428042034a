using System.Linq.Expressions;

namespace Providers.VectorData.Orleans.Wire;

/// <summary>What a node of a pushed-down filter does.</summary>
internal enum ShardFilterKind
{
    /// <summary>Both children hold.</summary>
    And,

    /// <summary>Either child holds.</summary>
    Or,

    /// <summary>The only child does not hold.</summary>
    Not,

    /// <summary>A property compared with a value by <see cref="ShardFilter.Comparison"/>.</summary>
    Compare,

    /// <summary>A list of values contains the property's value.</summary>
    InList,

    /// <summary>A collection property contains the value.</summary>
    CollectionContains,

    /// <summary>A <see langword="bool"/> property used as a condition.</summary>
    BoolProperty,

    /// <summary>The constant <see cref="ShardFilter.Constant"/>.</summary>
    Constant,

    /// <summary>A collection property shares an element with a list of values (<c>r.Tags.Any(t =&gt; values.Contains(t))</c>).</summary>
    AnyInList,
}

/// <summary>
/// A filter translated from the caller's expression into data a shard can rebuild against its own records: Orleans
/// does not carry expression trees, and the shard's records are dictionaries, not the caller's type.
/// </summary>
[GenerateSerializer, Alias("pvli.ShardFilter")]
internal sealed class ShardFilter
{
    [Id(0)] public ShardFilterKind Kind { get; init; }

    [Id(1)] public ShardFilter[] Children { get; init; } = [];

    /// <summary>Gets the property's name in the collection model.</summary>
    [Id(2)] public string? Property { get; init; }

    /// <summary>Gets the comparison, with the property on the left.</summary>
    [Id(3)] public ExpressionType Comparison { get; init; }

    /// <summary>Gets the value (or, for <see cref="ShardFilterKind.InList"/>, the JSON array of values) as JSON.</summary>
    [Id(4)] public string? ValueJson { get; init; }

    [Id(5)] public bool Constant { get; init; }
}

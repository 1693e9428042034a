namespace Providers.VectorData;

/// <summary>How <see cref="LateInteractionCollection{TKey, TRecord}.LoadAsync(string, CollectionLoadOptions, CancellationToken)"/> reads a collection file.</summary>
public sealed class CollectionLoadOptions
{
    /// <summary>
    /// Gets or sets whether the int8 token vectors stay in the file, memory-mapped read-only, instead of being copied
    /// into memory. Defaults to <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Meant for <see cref="MultiVectorIndexKind.BinaryFlat"/> with int8 rescoring (the default
    /// <see cref="MultiVectorIndexOptions.RescorePrecision"/>): a search then reads the int8 vectors of only the
    /// <see cref="MultiVectorIndexOptions.RescoreCount"/> pages it rescores, so only those pages of the file become
    /// resident, and the operating system can drop them again under memory pressure. With
    /// <see cref="MultiVectorIndexKind.Int8Flat"/> every search reads every page's int8 vectors and the whole mapped
    /// part becomes resident after the first search, as in memory.
    /// </para>
    /// <para>
    /// Only files of format version 3 (written by this version's <c>SaveAsync</c>) can be mapped; older files load
    /// into memory. While mapped, the file must not be truncated or rewritten in place; saving over it is safe, as a
    /// save writes a new file and renames it over the old one, which stays mapped until its records are gone.
    /// </para>
    /// </remarks>
    public bool MapInt8Tokens { get; set; }
}

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

    /// <summary>
    /// Gets or sets whether a load that maps the int8 token vectors still reads them once to verify the whole file.
    /// Defaults to <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// With <see langword="false"/> a mapped load of a format 4 file seeks over the int8 forms, most of the file, and
    /// checks the second checksum, which covers everything else: records, schema, sign bits, summaries. A 100,000-page
    /// collection then reopens by reading about a fifth of its file. Damage inside the int8 vectors then goes
    /// unnoticed and shows only as changed scores; use it where the file system guards the data (a checksumming file
    /// system, or files verified when copied in). Ignored unless <see cref="MapInt8Tokens"/> is set.
    /// </remarks>
    public bool VerifyMappedTokens { get; set; } = true;
}

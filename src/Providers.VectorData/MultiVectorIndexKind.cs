using Microsoft.Extensions.VectorData;

namespace Providers.VectorData;

/// <summary>
/// Index kinds for multi-vector (MaxSim) properties, set as <see cref="VectorStoreVectorAttribute.IndexKind"/> or
/// <see cref="VectorStoreVectorProperty.IndexKind"/>. Every kind returns exact single-precision scores; they differ
/// in how candidates are found.
/// </summary>
public static class MultiVectorIndexKind
{
    /// <summary>Scores every document exactly in single precision (the default).</summary>
    public const string Flat = IndexKind.Flat;

    /// <summary>
    /// Ranks every document with int8 vectors (one scale per token), then rescores the leading candidates exactly.
    /// <see cref="IndexKind.QuantizedFlat"/> means the same.
    /// </summary>
    public const string Int8Flat = "Int8Flat";

    /// <summary>Ranks every document by sign-bit Hamming distance, then rescores the leading candidates exactly.</summary>
    public const string BinaryFlat = "BinaryFlat";
}

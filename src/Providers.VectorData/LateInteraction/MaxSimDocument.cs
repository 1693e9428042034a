using Providers.Core;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors packed for MaxSim scoring: in single precision (for exact scores) unless created
/// compact, and in the compressed form of a first-stage <see cref="MaxSimPrecision"/>.
/// </summary>
/// <remarks>
/// <para>
/// Only the tokens given are stored; padding rows are never part of a document. Instances are immutable and may be
/// scored from many threads at once.
/// </para>
/// <para>
/// A compact document (<c>keepFloat32: false</c>) holds int8 vectors (about 132 bytes per 128-dimensional token
/// instead of 512), plus sign bits for a binary first stage; it is rescored in int8, which ranks like single
/// precision but returns scores that deviate by the quantization error.
/// </para>
/// </remarks>
public sealed class MaxSimDocument
{
    private readonly Float32Panels? _float32;
    private readonly Int8Panels? _int8;
    private readonly BinaryPanels? _binary;

    internal MaxSimDocument(MaxSimPrecision firstStage, int tokenCount, int dimensions, Float32Panels? float32, Int8Panels? int8, BinaryPanels? binary)
    {
        FirstStage = firstStage;
        TokenCount = tokenCount;
        Dimensions = dimensions;
        _float32 = float32;
        _int8 = int8;
        _binary = binary;
    }

    /// <summary>Gets the number of stored token vectors.</summary>
    public int TokenCount { get; }

    /// <summary>Gets the length of each token vector.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the first-stage precision this document was packed for.</summary>
    public MaxSimPrecision FirstStage { get; }

    /// <summary>Gets whether the document holds its vectors in single precision, so that its scores can be exact.</summary>
    public bool HasFloat32 => _float32 is not null;

    /// <summary>Gets the precision candidates are rescored in: <see cref="MaxSimPrecision.Float32"/>, or int8 for a compact document.</summary>
    public MaxSimPrecision RescorePrecision => HasFloat32 ? MaxSimPrecision.Float32 : MaxSimPrecision.Int8;

    /// <summary>Gets the bytes the packed vectors occupy, alignment slack excluded.</summary>
    public long StoredBytes => (_float32?.Bytes.Length ?? 0L) + (_int8 is null ? 0 : _int8.WordBytes.Length + _int8.ScaleBytes.Length) + (_binary?.Bytes.Length ?? 0);

    internal Float32Panels? Float32OrNull => _float32;

    internal Int8Panels? Int8OrNull => _int8;

    internal BinaryPanels? BinaryOrNull => _binary;

    internal Float32Panels Float32 => _float32 ?? throw NotPackedFor(MaxSimPrecision.Float32);

    internal Int8Panels Int8 => _int8 ?? throw NotPackedFor(MaxSimPrecision.Int8);

    internal BinaryPanels Binary => _binary ?? throw NotPackedFor(MaxSimPrecision.Binary);

    /// <summary>Packs row-major <c>[tokens x dimensions]</c> vectors, keeping them in single precision.</summary>
    /// <param name="vectors">The token vectors, row after row; they are copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <param name="firstStage">
    /// A compressed representation to pack as well, so that <see cref="MaxSim.Score(MaxSimQuery, MaxSimDocument, MaxSimPrecision)"/>
    /// can use it; <see cref="MaxSimPrecision.Float32"/> for none.
    /// </param>
    /// <exception cref="ArgumentException">The buffer is empty, not a whole number of vectors, or holds NaN or an infinity.</exception>
    public static MaxSimDocument Create(ReadOnlySpan<float> vectors, int dimensions, MaxSimPrecision firstStage = MaxSimPrecision.Float32)
        => Create(vectors, dimensions, firstStage, keepFloat32: true);

    /// <summary>Packs row-major <c>[tokens x dimensions]</c> vectors, optionally without their single-precision copy.</summary>
    /// <param name="vectors">The token vectors, row after row; they are copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <param name="firstStage">The representation every document is ranked in first.</param>
    /// <param name="keepFloat32">
    /// Whether to keep the vectors in single precision for exact rescoring; without them the document holds int8
    /// vectors (and sign bits for a binary first stage) and is rescored in int8.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The buffer is empty, not a whole number of vectors, or holds NaN or an infinity; or a single-precision first stage without single precision.
    /// </exception>
    public static MaxSimDocument Create(ReadOnlySpan<float> vectors, int dimensions, MaxSimPrecision firstStage, bool keepFloat32)
    {
        if (!keepFloat32 && firstStage == MaxSimPrecision.Float32)
        {
            throw new ArgumentException("A document ranked in single precision must keep its single-precision vectors.", nameof(keepFloat32));
        }

        int tokenCount = TokenVectors.Validate(vectors, dimensions, nameof(vectors));
        bool int8 = firstStage == MaxSimPrecision.Int8 || !keepFloat32;
        return new MaxSimDocument(
            firstStage,
            tokenCount,
            dimensions,
            keepFloat32 ? Float32Panels.Pack(vectors, tokenCount, dimensions) : null,
            int8 ? Int8Panels.Pack(vectors, tokenCount, dimensions) : null,
            firstStage == MaxSimPrecision.Binary ? BinaryPanels.Pack(vectors, tokenCount, dimensions) : null);
    }

    /// <summary>Packs a multi-vector embedding.</summary>
    /// <param name="embedding">The document embedding; its vectors are copied.</param>
    /// <param name="firstStage">A compressed representation to pack as well; <see cref="MaxSimPrecision.Float32"/> for none.</param>
    /// <exception cref="ArgumentException">The embedding holds NaN or an infinity.</exception>
    public static MaxSimDocument Create(MultiVectorEmbedding embedding, MaxSimPrecision firstStage = MaxSimPrecision.Float32)
    {
        ArgumentNullException.ThrowIfNull(embedding);
        return Create(embedding.Vectors.Span, embedding.Dimensions, firstStage);
    }

    /// <summary>Returns whether this document can be scored in the given precision.</summary>
    /// <param name="precision">The precision to check.</param>
    public bool Supports(MaxSimPrecision precision) => precision switch
    {
        MaxSimPrecision.Float32 => _float32 is not null,
        MaxSimPrecision.Int8 => _int8 is not null,
        MaxSimPrecision.Binary => _binary is not null,
        _ => false,
    };

    /// <summary>Copies the stored vectors out in row-major order: exactly, or dequantized from int8 for a compact document.</summary>
    public float[] ToArray()
    {
        var rows = new float[TokenCount * Dimensions];
        if (_float32 is not null)
        {
            _float32.CopyRowsTo(rows);
        }
        else
        {
            Int8.CopyRowsTo(rows);
        }

        return rows;
    }

    private InvalidOperationException NotPackedFor(MaxSimPrecision precision)
        => new(precision == MaxSimPrecision.Float32
            ? "The document is compact: it holds no single-precision vectors; create it with keepFloat32: true."
            : $"The document was not packed for {precision} scoring; create it with firstStage: MaxSimPrecision.{precision}.");
}

using Providers.Core;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors packed for MaxSim scoring: always in single precision (for exact scores), and
/// optionally in the compressed form of a first-stage <see cref="MaxSimPrecision"/>.
/// </summary>
/// <remarks>
/// Only the tokens given are stored; padding rows are never part of a document. Instances are immutable and may be
/// scored from many threads at once.
/// </remarks>
public sealed class MaxSimDocument
{
    private readonly Float32Panels _float32;
    private readonly Int8Panels? _int8;
    private readonly BinaryPanels? _binary;

    private MaxSimDocument(MaxSimPrecision firstStage, Float32Panels float32, Int8Panels? int8, BinaryPanels? binary)
    {
        FirstStage = firstStage;
        _float32 = float32;
        _int8 = int8;
        _binary = binary;
    }

    /// <summary>Gets the number of stored token vectors.</summary>
    public int TokenCount => _float32.TokenCount;

    /// <summary>Gets the length of each token vector.</summary>
    public int Dimensions => _float32.Dimensions;

    /// <summary>Gets the first-stage precision this document was packed for, besides single precision.</summary>
    public MaxSimPrecision FirstStage { get; }

    internal Float32Panels Float32 => _float32;

    internal Int8Panels Int8 => _int8 ?? throw NotPackedFor(MaxSimPrecision.Int8);

    internal BinaryPanels Binary => _binary ?? throw NotPackedFor(MaxSimPrecision.Binary);

    /// <summary>Packs row-major <c>[tokens x dimensions]</c> vectors.</summary>
    /// <param name="vectors">The token vectors, row after row; they are copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <param name="firstStage">
    /// A compressed representation to pack as well, so that <see cref="MaxSim.Score(MaxSimQuery, MaxSimDocument, MaxSimPrecision)"/>
    /// can use it; <see cref="MaxSimPrecision.Float32"/> for none.
    /// </param>
    /// <exception cref="ArgumentException">The buffer is empty, not a whole number of vectors, or holds NaN or an infinity.</exception>
    public static MaxSimDocument Create(ReadOnlySpan<float> vectors, int dimensions, MaxSimPrecision firstStage = MaxSimPrecision.Float32)
    {
        int tokenCount = TokenVectors.Validate(vectors, dimensions, nameof(vectors));
        return new MaxSimDocument(
            firstStage,
            Float32Panels.Pack(vectors, tokenCount, dimensions),
            firstStage == MaxSimPrecision.Int8 ? Int8Panels.Pack(vectors, tokenCount, dimensions) : null,
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
    public bool Supports(MaxSimPrecision precision)
        => precision == MaxSimPrecision.Float32 || precision == FirstStage;

    /// <summary>Copies the stored vectors out in row-major order.</summary>
    public float[] ToArray()
    {
        var rows = new float[TokenCount * Dimensions];
        _float32.CopyRowsTo(rows);
        return rows;
    }

    private static InvalidOperationException NotPackedFor(MaxSimPrecision precision)
        => new($"The document was not packed for {precision} scoring; create it with firstStage: MaxSimPrecision.{precision}.");
}

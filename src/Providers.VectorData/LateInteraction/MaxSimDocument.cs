using Providers.Core;

namespace Providers.VectorData.LateInteraction;

/// <summary>
/// A document's token vectors packed for MaxSim scoring: in the forms its <see cref="MaxSimPacking"/> names, by
/// default single precision (for exact scores) and the compressed form of a first-stage <see cref="MaxSimPrecision"/>.
/// </summary>
/// <remarks>
/// <para>
/// Only the tokens given are stored; padding rows are never part of a document. Instances are immutable and may be
/// scored from many threads at once.
/// </para>
/// <para>
/// A compact document (<see cref="MaxSimPacking.Rescoring"/> other than single precision) holds no single-precision
/// vectors: int8 (about 132 bytes per 128-dimensional token instead of 512) or int4 (68 bytes), plus sign bits for a
/// binary first stage. It is rescored in that form, which ranks like single precision but returns scores that
/// deviate by the quantization error.
/// </para>
/// </remarks>
public sealed class MaxSimDocument
{
    private readonly Float32Panels? _float32;
    private readonly Int8Panels? _int8;
    private readonly BinaryPanels? _binary;
    private readonly Int4Tokens? _int4;

    internal MaxSimDocument(MaxSimPrecision firstStage, int tokenCount, int dimensions, DocumentForms forms)
    {
        FirstStage = firstStage;
        TokenCount = tokenCount;
        Dimensions = dimensions;
        _float32 = forms.Float32;
        _int8 = forms.Int8;
        _binary = forms.Binary;
        _int4 = forms.Int4;
        Summary = forms.Summary;
        RescorePrecision = _float32 is not null ? MaxSimPrecision.Float32 : _int8 is not null ? MaxSimPrecision.Int8 : MaxSimPrecision.Int4;
    }

    /// <summary>Gets the number of stored token vectors.</summary>
    public int TokenCount { get; }

    /// <summary>Gets the length of each token vector.</summary>
    public int Dimensions { get; }

    /// <summary>Gets the first-stage precision this document was packed for.</summary>
    public MaxSimPrecision FirstStage { get; }

    /// <summary>Gets whether the document holds its vectors in single precision, so that its scores can be exact.</summary>
    public bool HasFloat32 => _float32 is not null;

    /// <summary>Gets the precision candidates are rescored in: the most precise form the document holds.</summary>
    public MaxSimPrecision RescorePrecision { get; }

    /// <summary>Gets whether the document carries a pooled summary for candidate shortlisting.</summary>
    public bool HasPooledSummary => Summary is not null;

    /// <summary>Gets the bytes the packed vectors occupy, alignment slack excluded.</summary>
    public long StoredBytes => Forms.StoredBytes;

    internal DocumentForms Forms => new(_float32, _int8, _binary, _int4, Summary);

    /// <summary>Gets the pooled vectors (<see cref="SimHashPooling"/>) in int8, which the candidate stage scores.</summary>
    internal Int8Panels? Summary { get; }

    internal Float32Panels Float32 => _float32 ?? throw NotPackedFor(MaxSimPrecision.Float32);

    internal Int8Panels Int8 => _int8 ?? throw NotPackedFor(MaxSimPrecision.Int8);

    internal BinaryPanels Binary => _binary ?? throw NotPackedFor(MaxSimPrecision.Binary);

    internal Int4Tokens Int4 => _int4 ?? throw NotPackedFor(MaxSimPrecision.Int4);

    /// <summary>Packs row-major <c>[tokens x dimensions]</c> vectors, keeping them in single precision.</summary>
    /// <param name="vectors">The token vectors, row after row; they are copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <param name="firstStage">
    /// A compressed representation to pack as well, so that <see cref="MaxSim.Score(MaxSimQuery, MaxSimDocument, MaxSimPrecision)"/>
    /// can use it; <see cref="MaxSimPrecision.Float32"/> for none.
    /// </param>
    /// <exception cref="ArgumentException">The buffer is empty, not a whole number of vectors, or holds NaN or an infinity.</exception>
    public static MaxSimDocument Create(ReadOnlySpan<float> vectors, int dimensions, MaxSimPrecision firstStage = MaxSimPrecision.Float32)
        => Create(vectors, dimensions, new MaxSimPacking { FirstStage = firstStage });

    /// <summary>Packs row-major <c>[tokens x dimensions]</c> vectors in the forms <paramref name="packing"/> names.</summary>
    /// <param name="vectors">The token vectors, row after row; they are copied.</param>
    /// <param name="dimensions">The length of each token vector.</param>
    /// <param name="packing">The first stage, the rescoring form and whether to add a pooled summary.</param>
    /// <exception cref="ArgumentException">
    /// The buffer is empty, not a whole number of vectors, or holds NaN or an infinity; or the packing is inconsistent.
    /// </exception>
    public static MaxSimDocument Create(ReadOnlySpan<float> vectors, int dimensions, MaxSimPacking packing)
    {
        ArgumentNullException.ThrowIfNull(packing);
        packing.Validate();
        return Pack(vectors, TokenVectors.Validate(vectors, dimensions, nameof(vectors)), dimensions, packing);
    }

    /// <summary>Packs vectors the caller has checked with <see cref="TokenVectors.FindProblem"/>, in a validated packing.</summary>
    internal static MaxSimDocument Pack(ReadOnlySpan<float> vectors, int tokenCount, int dimensions, MaxSimPacking packing)
    {
        var (firstStage, rescoring) = (packing.FirstStage, packing.Rescoring);
        return new MaxSimDocument(
            firstStage,
            tokenCount,
            dimensions,
            new DocumentForms(
                rescoring == MaxSimPrecision.Float32 ? Float32Panels.Pack(vectors, tokenCount, dimensions) : null,
                firstStage == MaxSimPrecision.Int8 || rescoring == MaxSimPrecision.Int8 ? Int8Panels.Pack(vectors, tokenCount, dimensions) : null,
                firstStage == MaxSimPrecision.Binary ? BinaryPanels.Pack(vectors, tokenCount, dimensions) : null,
                rescoring == MaxSimPrecision.Int4 ? Int4Tokens.Pack(vectors, tokenCount, dimensions) : null,
                packing.PooledSummary ? SimHashPooling.For(dimensions).PoolToInt8(vectors) : null));
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
        MaxSimPrecision.Int4 => _int4 is not null,
        _ => false,
    };

    /// <summary>Copies the stored vectors out in row-major order: exactly, or dequantized for a compact document.</summary>
    public float[] ToArray()
    {
        var rows = new float[TokenCount * Dimensions];
        Forms.CopyRowsTo(rows);
        return rows;
    }

    private static InvalidOperationException NotPackedFor(MaxSimPrecision precision)
        => new(precision == MaxSimPrecision.Float32
            ? "The document is compact: it holds no single-precision vectors; pack it with Rescoring = MaxSimPrecision.Float32."
            : $"The document was not packed for {precision} scoring.");
}

using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests.LateInteraction;

public sealed class MaxSimKernelTests
{
    /// <summary>Query tokens, document tokens, dimensions: partial row blocks, partial and single-token panels.</summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 64 },
        { 24, 1, 128 },
        { 3, 7, 96 },
        { 12, 31, 128 },
        { 13, 32, 64 },
        { 5, 33, 256 },
        { 25, 65, 96 },
        { 24, 100, 128 },
        { 11, 129, 256 },
        { 24, 1030, 128 },
        { 32, 70, 128 },
        { 20, 40, 128 },
        { 30, 64, 64 },
        { 2, 17, 128 },
        { 16, 5, 128 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Vector512_kernel_matches_the_scalar_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, expected) = Case(queryTokens, documentTokens, dimensions);

        float actual = Float32MaxSim.ScoreVector512(MaxSimQuery.Create(query, dimensions), MaxSimDocument.Create(document, dimensions).Float32);

        Assert.Equal(expected, actual, Tolerance(queryTokens));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Vector256_kernel_matches_the_scalar_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, expected) = Case(queryTokens, documentTokens, dimensions);

        float actual = Float32MaxSim.ScoreVector256(MaxSimQuery.Create(query, dimensions), MaxSimDocument.Create(document, dimensions).Float32);

        Assert.Equal(expected, actual, Tolerance(queryTokens));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Scalar_panel_kernel_matches_the_scalar_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, expected) = Case(queryTokens, documentTokens, dimensions);

        float actual = Float32MaxSim.ScoreScalar(MaxSimQuery.Create(query, dimensions), MaxSimDocument.Create(document, dimensions).Float32);

        Assert.Equal(expected, actual, Tolerance(queryTokens));
    }

    [RequiresCpuFeatureTheory("AvxVnni")]
    [MemberData(nameof(Shapes))]
    public void Vnni_int8_kernel_equals_the_integer_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, _) = Case(queryTokens, documentTokens, dimensions);

        float actual = Int8MaxSim.ScoreVnni(
            MaxSimQuery.Create(query, dimensions),
            MaxSimDocument.Create(document, dimensions, MaxSimPrecision.Int8).Int8);

        Assert.Equal(Int8Reference(query, document, dimensions), actual);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Scalar_int8_kernel_equals_the_integer_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, _) = Case(queryTokens, documentTokens, dimensions);

        float actual = Int8MaxSim.ScoreScalar(
            MaxSimQuery.Create(query, dimensions),
            MaxSimDocument.Create(document, dimensions, MaxSimPrecision.Int8).Int8);

        Assert.Equal(Int8Reference(query, document, dimensions), actual);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Int4_score_stays_within_the_quantization_error_of_the_exact_score(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, expected) = Case(queryTokens, documentTokens, dimensions);
        var packed = MaxSimDocument.Create(document, dimensions, new MaxSimPacking { FirstStage = MaxSimPrecision.Binary, Rescoring = MaxSimPrecision.Int4 });

        float actual = MaxSim.Score(MaxSimQuery.Create(query, dimensions), packed, MaxSimPrecision.Int4);

        // A 4-bit code is off by at most half a step of max|x| / 7; a unit-vector dot product by about 0.1 at worst.
        Assert.Equal(expected, actual, 0.1 * queryTokens);
        Assert.False(packed.HasFloat32);
        Assert.Equal(MaxSimPrecision.Int4, packed.RescorePrecision);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Int4_vectors_read_back_within_half_a_quantization_step(int queryTokens, int documentTokens, int dimensions)
    {
        _ = queryTokens;
        var (_, document, _) = Case(1, documentTokens, dimensions);

        float[] restored = MaxSimDocument.Create(document, dimensions, new MaxSimPacking { FirstStage = MaxSimPrecision.Binary, Rescoring = MaxSimPrecision.Int4 }).ToArray();

        for (int t = 0; t < documentTokens; t++)
        {
            var row = document.AsSpan(t * dimensions, dimensions);
            float halfStep = Math.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(row)) / 7f / 2f;
            for (int k = 0; k < dimensions; k++)
            {
                Assert.InRange(restored[(t * dimensions) + k] - row[k], -halfStep * 1.001f, halfStep * 1.001f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Int8_score_stays_within_the_quantization_error_of_the_exact_score(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, expected) = Case(queryTokens, documentTokens, dimensions);

        float actual = MaxSim.Score(
            MaxSimQuery.Create(query, dimensions),
            MaxSimDocument.Create(document, dimensions, MaxSimPrecision.Int8),
            MaxSimPrecision.Int8);

        // Each unit-vector dot product is off by at most about 2 / 127 of its bound.
        Assert.Equal(expected, actual, 0.02 * queryTokens);
    }

    [RequiresCpuFeatureTheory("Avx512BW")]
    [MemberData(nameof(Shapes))]
    public void Avx512_binary_kernel_equals_the_sign_bit_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, _) = Case(queryTokens, documentTokens, dimensions);

        float actual = BinaryMaxSim.ScoreAvx512(
            MaxSimQuery.Create(query, dimensions),
            MaxSimDocument.Create(document, dimensions, MaxSimPrecision.Binary).Binary);

        Assert.Equal(BinaryReference(query, document, dimensions), actual);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Scalar_binary_kernel_equals_the_sign_bit_reference(int queryTokens, int documentTokens, int dimensions)
    {
        var (query, document, _) = Case(queryTokens, documentTokens, dimensions);

        float actual = BinaryMaxSim.ScoreScalar(
            MaxSimQuery.Create(query, dimensions),
            MaxSimDocument.Create(document, dimensions, MaxSimPrecision.Binary).Binary);

        Assert.Equal(BinaryReference(query, document, dimensions), actual);
    }

    [RequiresCpuFeatureTheory("Avx512BW")]
    [InlineData(300)]
    [InlineData(1024)]
    public void Binary_distances_stay_exact_past_what_a_byte_can_count(int dimensions)
    {
        // Opposite vectors differ in every bit: a distance of `dimensions`, more than 255.
        float[] document = TestVectors.Unit(3, dimensions, seed: 5);
        float[] query = document.Select(value => -value).ToArray();

        float actual = BinaryMaxSim.ScoreAvx512(
            MaxSimQuery.Create(query.AsSpan(0, dimensions), dimensions),
            MaxSimDocument.Create(document.AsSpan(0, dimensions), dimensions, MaxSimPrecision.Binary).Binary);

        Assert.Equal(BinaryReference(query.AsSpan(0, dimensions).ToArray(), document.AsSpan(0, dimensions).ToArray(), dimensions), actual);
    }

    [Fact]
    public void Padded_lanes_never_win_even_when_every_real_dot_product_is_negative()
    {
        // One document token, the exact opposite of the query: the only true dot product is -1.
        float[] document = TestVectors.Unit(1, 128, seed: 9);
        float[] query = document.Select(value => -value).ToArray();

        float actual = MaxSim.Score(MaxSimQuery.Create(query, 128), MaxSimDocument.Create(document, 128));

        Assert.Equal(-1f, actual, 1e-5);
    }

    private static (float[] Query, float[] Document, float Expected) Case(int queryTokens, int documentTokens, int dimensions)
    {
        float[] query = TestVectors.Unit(queryTokens, dimensions, seed: (queryTokens * 31) + dimensions);
        float[] document = TestVectors.Unit(documentTokens, dimensions, seed: (documentTokens * 17) + dimensions);
        return (query, document, MaxSim.ScoreReference(query, document, dimensions));
    }

    private static double Tolerance(int queryTokens) => 1e-5 * queryTokens * 8;

    /// <summary>Int8 MaxSim computed from first principles: quantize both sides, integer dot products, scale.</summary>
    private static float Int8Reference(float[] query, float[] document, int dimensions)
    {
        var (queryValues, queryScales) = Quantize(query, dimensions);
        var (documentValues, documentScales) = Quantize(document, dimensions);
        float score = 0f;
        for (int q = 0; q < queryScales.Length; q++)
        {
            float best = float.NegativeInfinity;
            for (int d = 0; d < documentScales.Length; d++)
            {
                int dot = 0;
                for (int k = 0; k < dimensions; k++)
                {
                    dot += queryValues[(q * dimensions) + k] * documentValues[(d * dimensions) + k];
                }

                best = Math.Max(best, dot * documentScales[d]);
            }

            score += best * queryScales[q];
        }

        return score;
    }

    private static (sbyte[] Values, float[] Scales) Quantize(float[] rows, int dimensions)
    {
        int tokens = rows.Length / dimensions;
        var values = new sbyte[rows.Length];
        var scales = new float[tokens];
        for (int t = 0; t < tokens; t++)
        {
            scales[t] = Int8Quantization.Quantize(rows.AsSpan(t * dimensions, dimensions), values.AsSpan(t * dimensions, dimensions));
        }

        return (values, scales);
    }

    /// <summary>Binary MaxSim from first principles: count dimensions whose signs differ.</summary>
    private static float BinaryReference(float[] query, float[] document, int dimensions)
    {
        int queryTokens = query.Length / dimensions;
        int documentTokens = document.Length / dimensions;
        float score = 0f;
        for (int q = 0; q < queryTokens; q++)
        {
            int lowest = int.MaxValue;
            for (int d = 0; d < documentTokens; d++)
            {
                int distance = 0;
                for (int k = 0; k < dimensions; k++)
                {
                    if (query[(q * dimensions) + k] > 0f != document[(d * dimensions) + k] > 0f)
                    {
                        distance++;
                    }
                }

                lowest = Math.Min(lowest, distance);
            }

            score += 1f - (2f * lowest / dimensions);
        }

        return score;
    }
}

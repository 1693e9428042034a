using Providers.VectorData.LateInteraction;

namespace Providers.VectorData.Tests.LateInteraction;

public sealed class FixedDimensionalEncodingTests
{
    /// <summary>Token counts (one, a partial tile, tiles and a remainder) by dimension counts (odd, not a multiple of a vector).</summary>
    public static TheoryData<int, int> Shapes => new()
    {
        { 1, 3 },
        { 2, 3 },
        { 15, 3 },
        { 17, 16 },
        { 1, 128 },
        { 15, 128 },
        { 17, 128 },
        { 64, 128 },
        { 17, 130 },
        { 33, 130 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Document_encoding_matches_a_plain_loop_reference(int tokens, int dimensions)
    {
        var reference = new ReferenceEncoding(dimensions);
        float[] rows = reference.TokensClearOfHyperplanes(tokens, seed: (tokens * 1000) + dimensions);

        float[] actual = FixedDimensionalEncoding.For(dimensions).EncodeDocument(rows);

        AssertClose(reference.Encode(rows, isQuery: false), actual);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Query_encoding_matches_a_plain_loop_reference(int tokens, int dimensions)
    {
        var reference = new ReferenceEncoding(dimensions);
        float[] rows = reference.TokensClearOfHyperplanes(tokens, seed: (tokens * 1000) + dimensions + 1);

        float[] actual = FixedDimensionalEncoding.For(dimensions).EncodeQuery(rows);

        AssertClose(reference.Encode(rows, isQuery: true), actual);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(128)]
    [InlineData(130)]
    public void Tokens_on_a_hyperplane_get_the_same_projections_in_every_kernel_and_tile_position(int dimensions)
    {
        var reference = new ReferenceEncoding(dimensions);
        var matrix = new DirectionMatrix(reference.Directions, reference.Directions.Length / dimensions, dimensions);
        float[] onPlane = reference.TokenOnHyperplane(seed: dimensions);
        float[] expected = Projections(matrix, onPlane, 0, (m, r, f, p) => m.ProjectTileScalar(r, f, p));

        // The token at every position of a tile, in tiles that run past the last token, and alone.
        for (int tokens = 1; tokens <= 9; tokens++)
        {
            for (int at = 0; at < tokens; at++)
            {
                float[] rows = TestVectors.Unit(tokens, dimensions, seed: tokens);
                onPlane.CopyTo(rows.AsSpan(at * dimensions));
                foreach (var kernel in Kernels)
                {
                    Assert.Equal(expected, Projections(matrix, rows, at, kernel));
                }
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(128)]
    public void Documents_with_tokens_on_hyperplanes_encode_the_same_on_every_call(int dimensions)
    {
        var reference = new ReferenceEncoding(dimensions);
        float[] rows = TestVectors.Unit(21, dimensions, seed: 5);
        for (int t = 0; t < 21; t += 2)
        {
            reference.TokenOnHyperplane(seed: t).CopyTo(rows.AsSpan(t * dimensions));
        }

        var encoder = FixedDimensionalEncoding.For(dimensions);
        float[] first = encoder.EncodeDocument(rows);

        for (int call = 0; call < 5; call++)
        {
            Assert.Equal(first, encoder.EncodeDocument(rows.AsSpan().ToArray()));
        }
    }

    [Fact]
    public void A_single_token_query_meets_its_own_projection_in_the_document_encoding_of_that_token()
    {
        const int Dimensions = 128;
        var reference = new ReferenceEncoding(Dimensions);
        float[] token = reference.TokenOnHyperplane(seed: 11);
        var encoder = FixedDimensionalEncoding.For(Dimensions);

        float[] query = encoder.EncodeQuery(token);
        float[] document = encoder.EncodeDocument(token);

        // The query's only non-zero block per repetition is its token's bucket; the document put the same token there.
        int block = FixedDimensionalEncoding.ProjectedDimensions;
        int occupied = 0;
        for (int start = 0; start < query.Length; start += block)
        {
            if (query.AsSpan(start, block).ContainsAnyExcept(0f))
            {
                occupied++;
                Assert.Equal(query.AsSpan(start, block).ToArray(), document.AsSpan(start, block).ToArray());
            }
        }

        Assert.Equal(FixedDimensionalEncoding.Repetitions, occupied);
    }

    private delegate void Kernel(DirectionMatrix matrix, ReadOnlySpan<float> rows, int first, Span<float> projections);

    private static IEnumerable<Kernel> Kernels =>
    [
        (m, r, f, p) => m.ProjectTileVector512(r, f, p),
        (m, r, f, p) => m.ProjectTileVector(r, f, p),
        (m, r, f, p) => m.ProjectTileScalar(r, f, p),
        (m, r, f, p) => m.ProjectTile(r, f, p),
    ];

    /// <summary>Returns the projections of token <paramref name="token"/>, from the tile that holds it.</summary>
    private static float[] Projections(DirectionMatrix matrix, float[] rows, int token, Kernel kernel)
    {
        var tile = new float[DirectionMatrix.TileTokens * matrix.Stride];
        int first = token / DirectionMatrix.TileTokens * DirectionMatrix.TileTokens;
        kernel(matrix, rows, first, tile);
        return tile.AsSpan((token - first) * matrix.Stride, matrix.Count).ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"Value {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }

    /// <summary>
    /// MUVERA's document and query encodings written as plainly as possible: the directions drawn as the encoder draws
    /// them (its seed plus the dimension count: Gaussian hyperplanes, then ±1/√P projections), dot products in double
    /// precision, buckets and means one token at a time.
    /// </summary>
    private sealed class ReferenceEncoding
    {
        private const int R = FixedDimensionalEncoding.Repetitions;
        private const int B = FixedDimensionalEncoding.Bits;
        private const int P = FixedDimensionalEncoding.ProjectedDimensions;
        private const int Buckets = 1 << B;

        /// <summary>How far every token stays from every hyperplane, so that rounding cannot flip a bucket.</summary>
        private const double Margin = 1e-3;

        private readonly int _dimensions;

        public ReferenceEncoding(int dimensions)
        {
            _dimensions = dimensions;
            var random = new Random(FixedDimensionalEncoding.Seed + dimensions);
            Directions = new float[R * (B + P) * dimensions];
            for (int i = 0; i < Directions.Length; i++)
            {
                bool hyperplane = i / dimensions % (B + P) < B;
                if (hyperplane)
                {
                    double u = 1.0 - random.NextDouble();
                    double v = random.NextDouble();
                    Directions[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
                }
                else
                {
                    Directions[i] = (random.Next(2) == 0 ? -1f : 1f) / MathF.Sqrt(P);
                }
            }
        }

        /// <summary>Gets the directions, row after row: per repetition its hyperplanes, then its projections.</summary>
        public float[] Directions { get; }

        public float[] Encode(float[] rows, bool isQuery)
        {
            int tokens = rows.Length / _dimensions;
            var encoding = new float[R * Buckets * P];
            for (int r = 0; r < R; r++)
            {
                var bucketOf = new int[tokens];
                var projected = new float[tokens, P];
                var counts = new int[Buckets];
                for (int t = 0; t < tokens; t++)
                {
                    for (int b = 0; b < B; b++)
                    {
                        if (Dot(rows, t, (r * (B + P)) + b) > 0)
                        {
                            bucketOf[t] |= 1 << b;
                        }
                    }

                    counts[bucketOf[t]]++;
                    for (int p = 0; p < P; p++)
                    {
                        projected[t, p] = (float)Dot(rows, t, (r * (B + P)) + B + p);
                        encoding[(((r * Buckets) + bucketOf[t]) * P) + p] += projected[t, p];
                    }
                }

                for (int bucket = 0; bucket < Buckets && !isQuery; bucket++)
                {
                    int nearest = 0;
                    for (int t = 1; t < tokens; t++)
                    {
                        if (int.PopCount(bucketOf[t] ^ bucket) < int.PopCount(bucketOf[nearest] ^ bucket))
                        {
                            nearest = t;
                        }
                    }

                    for (int p = 0; p < P; p++)
                    {
                        int at = (((r * Buckets) + bucket) * P) + p;
                        encoding[at] = counts[bucket] > 0 ? encoding[at] / counts[bucket] : projected[nearest, p];
                    }
                }
            }

            return encoding;
        }

        /// <summary>Returns unit tokens, each redrawn until it is at least <see cref="Margin"/> from every hyperplane.</summary>
        public float[] TokensClearOfHyperplanes(int tokens, int seed)
        {
            var rows = new float[tokens * _dimensions];
            for (int t = 0; t < tokens; t++)
            {
                for (int attempt = 0; ; attempt++)
                {
                    TestVectors.Unit(1, _dimensions, (seed * 7919) + (t * 104729) + attempt).CopyTo(rows.AsSpan(t * _dimensions));
                    if (Enumerable.Range(0, R * B).All(h => Math.Abs(Dot(rows, t, (h / B * (B + P)) + (h % B))) >= Margin))
                    {
                        break;
                    }
                }
            }

            return rows;
        }

        /// <summary>Returns a token with the first hyperplane's component removed: its projection on it is rounding noise.</summary>
        public float[] TokenOnHyperplane(int seed)
        {
            float[] token = TestVectors.Unit(1, _dimensions, seed);
            double along = Dot(token, 0, 0) / Dot(Directions.AsSpan(0, _dimensions).ToArray(), 0, 0);
            for (int k = 0; k < _dimensions; k++)
            {
                token[k] = (float)(token[k] - (along * Directions[k]));
            }

            Assert.True(Math.Abs(Dot(token, 0, 0)) < 1e-5, "The token should lie on the hyperplane.");
            return token;
        }

        private double Dot(float[] rows, int token, int direction)
        {
            double sum = 0;
            for (int k = 0; k < _dimensions; k++)
            {
                sum += (double)rows[(token * _dimensions) + k] * Directions[(direction * _dimensions) + k];
            }

            return sum;
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Providers.Core.Tests.Embeddings;

public sealed class MultiVectorEmbeddingTests
{
    [Fact]
    public void Holds_a_row_major_buffer_as_token_vectors()
    {
        var embedding = new MultiVectorEmbedding(new float[] { 1, 2, 3, 4, 5, 6 }, dimensions: 2);

        Assert.Equal((3, 2), (embedding.TokenCount, embedding.Dimensions));
        Assert.Equal([5f, 6f], embedding.GetVector(2).ToArray());
    }

    [Fact]
    public void Uses_the_buffer_without_copying_it()
    {
        float[] buffer = [1, 2, 3, 4];

        var embedding = new MultiVectorEmbedding(buffer, dimensions: 2);
        buffer[3] = 40;

        Assert.Equal(40f, embedding.GetVector(1)[1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-128)]
    public void Rejects_non_positive_dimensions(int dimensions)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiVectorEmbedding(new float[4], dimensions));
    }

    [Fact]
    public void Rejects_a_buffer_that_is_not_a_whole_number_of_vectors()
    {
        var error = Assert.Throws<ArgumentException>(() => new MultiVectorEmbedding(new float[5], dimensions: 2));

        Assert.StartsWith("The buffer holds 5 values, which is not a whole number of 2-dimensional vectors.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void GetVector_rejects_a_token_out_of_range(int token)
    {
        var embedding = new MultiVectorEmbedding(new float[6], dimensions: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => embedding.GetVector(token).ToArray());
    }

    [Fact]
    public void FromRows_packs_rows_into_one_buffer()
    {
        var embedding = MultiVectorEmbedding.FromRows([[1f, 2f, 3f], [4f, 5f, 6f]]);

        Assert.Equal((2, 3), (embedding.TokenCount, embedding.Dimensions));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], embedding.Vectors.ToArray());
    }

    [Fact]
    public void FromRows_rejects_rows_of_different_lengths_naming_the_row()
    {
        var error = Assert.Throws<ArgumentException>(() => MultiVectorEmbedding.FromRows([[1f, 2f], [3f, 4f], [5f]]));

        Assert.StartsWith("Vector 2 has 1 dimensions; vector 0 has 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRows_rejects_no_rows()
    {
        Assert.Throws<ArgumentException>(() => MultiVectorEmbedding.FromRows([]));
    }

    [Fact]
    public void ToArrays_copies_each_token_vector()
    {
        var embedding = new MultiVectorEmbedding(new float[] { 1, 2, 3, 4 }, dimensions: 2);

        var rows = embedding.ToArrays();

        Assert.Equal([[1f, 2f], [3f, 4f]], rows);
    }

    [Fact]
    public void Round_trips_through_JSON_with_every_property()
    {
        var original = new MultiVectorEmbedding(new float[] { 0.25f, -0.5f, 1f, 0f, 0.125f, 2f }, dimensions: 3)
        {
            ModelId = "vidore/colqwen2.5-v0.2",
            CreatedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero),
            ImagePatches = new ImagePatchLayout(Start: 0, Length: 2, GridWidth: 2, GridHeight: 1),
        };

        string json = JsonSerializer.Serialize(original, ProvidersJsonUtilities.DefaultOptions);
        var copy = JsonSerializer.Deserialize<MultiVectorEmbedding>(json, ProvidersJsonUtilities.DefaultOptions)!;

        var expected = JsonNode.Parse(
            """{"dimensions":3,"vectors":[0.25,-0.5,1,0,0.125,2],"modelId":"vidore/colqwen2.5-v0.2","createdAt":"2025-03-14T09:26:53+00:00","imagePatches":{"start":0,"length":2,"gridWidth":2,"gridHeight":1}}""");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(json)), json);
        Assert.Equal(original.Vectors.ToArray(), copy.Vectors.ToArray());
        Assert.Equal((original.Dimensions, original.ModelId, original.CreatedAt, original.ImagePatches), (copy.Dimensions, copy.ModelId, copy.CreatedAt, copy.ImagePatches));
    }

    [Fact]
    public void Refuses_JSON_whose_vectors_do_not_fill_whole_rows()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MultiVectorEmbedding>(
            """{"dimensions":2,"vectors":[1,2,3]}""", ProvidersJsonUtilities.DefaultOptions));
    }

    [Fact]
    public void Refuses_JSON_without_dimensions()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MultiVectorEmbedding>(
            """{"vectors":[1,2,3]}""", ProvidersJsonUtilities.DefaultOptions));

        Assert.Equal("A multi-vector embedding needs 'dimensions' and 'vectors'.", error.Message);
    }
}

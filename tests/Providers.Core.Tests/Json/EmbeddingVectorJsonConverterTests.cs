using System.Buffers.Binary;
using System.Text.Json;

namespace Providers.Core.Tests.Json;

public sealed class EmbeddingVectorJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new EmbeddingVectorJsonConverter() } };

    [Fact]
    public void Reads_an_array_of_numbers()
    {
        var vector = Read("[0.5, -1.25, 3e-3, 7]");

        Assert.Equal([0.5f, -1.25f, 0.003f, 7f], vector);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"\"")]
    public void Reads_an_empty_vector_as_empty_leaving_the_verdict_to_the_caller(string json)
    {
        var vector = Read(json);

        Assert.Empty(vector);
    }

    [Fact]
    public void Reads_an_array_longer_than_its_first_buffer()
    {
        float[] expected = [.. Enumerable.Range(0, 3000).Select(i => i / 7f)];

        var vector = Read(JsonSerializer.Serialize(expected));

        Assert.Equal(expected, vector);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1024)]
    public void Reads_base64_little_endian_float32_with_or_without_padding(int dimensions)
    {
        float[] expected = [.. Enumerable.Range(0, dimensions).Select(i => (i - 500) / 3f)];

        var vector = Read($"\"{ToBase64(expected)}\"");

        Assert.Equal(expected, vector);
    }

    [Fact]
    public void Reads_base64_whose_slashes_the_server_escaped()
    {
        float[] expected = [BitConverter.Int32BitsToSingle(0x3F0000FC), 0.25f];
        string base64 = ToBase64(expected);
        Assert.Contains('/', base64);

        var vector = Read($"\"{base64.Replace("/", "\\/", StringComparison.Ordinal)}\"");

        Assert.Equal(expected, vector);
    }

    [Fact]
    public void Rejects_NaN_in_base64_naming_the_dimension()
    {
        var error = Assert.Throws<JsonException>(() => Read($"\"{ToBase64([1f, float.NaN, 2f])}\""));

        Assert.Equal("The embedding holds a non-finite value (NaN) at dimension 1.", error.Message);
    }

    [Fact]
    public void Rejects_infinity_in_base64_naming_the_dimension()
    {
        var error = Assert.Throws<JsonException>(() => Read($"\"{ToBase64([1f, 2f, float.NegativeInfinity])}\""));

        Assert.EndsWith("at dimension 2.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_base64_that_is_not_a_whole_number_of_float32_values()
    {
        var error = Assert.Throws<JsonException>(() => Read($"\"{Convert.ToBase64String(new byte[6])}\""));

        Assert.Equal("A base64 embedding of 8 characters is not a whole number of float32 values.", error.Message);
    }

    [Fact]
    public void Rejects_escaped_base64_that_is_not_a_whole_number_of_float32_values()
    {
        byte[] bytes = [0xFC, 0, 0, 0x3F, 0, 0];
        string base64 = Convert.ToBase64String(bytes).Replace("/", "\\/", StringComparison.Ordinal);

        var error = Assert.Throws<JsonException>(() => Read($"\"{base64}\""));

        Assert.Equal("A base64 embedding of 6 bytes is not a whole number of float32 values.", error.Message);
    }

    [Fact]
    public void Rejects_text_that_is_not_base64()
    {
        var error = Assert.Throws<JsonException>(() => Read("\"not base64!\""));

        Assert.NotNull(error.Message);
    }

    [Fact]
    public void Rejects_a_non_number_in_an_array_naming_the_dimension()
    {
        var error = Assert.Throws<JsonException>(() => Read("[0.1, \"0.2\"]"));

        Assert.Equal("An embedding array holds a String at dimension 1.", error.Message);
    }

    [Fact]
    public void Rejects_a_number_beyond_float32_range()
    {
        Assert.Throws<JsonException>(() => Read("[0.1, 1e39]"));
    }

    [Fact]
    public void Rejects_anything_but_an_array_or_a_string()
    {
        var error = Assert.Throws<JsonException>(() => Read("{\"values\":[1]}"));

        Assert.Equal("An embedding must be an array of numbers or a base64 string, not StartObject.", error.Message);
    }

    [Fact]
    public void Writes_an_array_of_numbers()
    {
        string json = JsonSerializer.Serialize(new[] { 0.5f, -1.25f }, Options);

        Assert.Equal("[0.5,-1.25]", json);
    }

    private static float[] Read(string json) => JsonSerializer.Deserialize<float[]>(json, Options)!;

    private static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}

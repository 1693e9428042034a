using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.ColQwen;

/// <summary>The body of <c>POST /embed/queries</c>.</summary>
internal sealed class QueriesRequest
{
    [JsonPropertyName("queries")]
    public required IReadOnlyList<string> Queries { get; init; }
}

/// <summary>The answer to <c>POST /embed/queries</c>: one <c>[seq][dim]</c> matrix per query, left-padded with zero rows.</summary>
internal sealed class QueryEmbeddingsResponse
{
    [JsonPropertyName("embeddings")]
    public List<List<float[]>>? Embeddings { get; init; }
}

/// <summary>
/// The answer to <c>POST /embed/images</c>. Items are objects with the image-token span in current versions and
/// plain <c>[seq][dim]</c> matrices in older ones.
/// </summary>
internal sealed class ImageEmbeddingsResponse
{
    [JsonPropertyName("embeddings")]
    public List<ImageEmbeddingItem>? Embeddings { get; init; }
}

/// <summary>One image's vectors and, from current versions, where its image tokens start (in the padded sequence) and how many there are.</summary>
[JsonConverter(typeof(ImageEmbeddingItemConverter))]
internal sealed class ImageEmbeddingItem
{
    public List<float[]>? Embedding { get; init; }

    public int? ImagePatchStart { get; init; }

    public int? ImagePatchLength { get; init; }
}

/// <summary>Reads an <see cref="ImageEmbeddingItem"/> from either response shape.</summary>
internal sealed class ImageEmbeddingItemConverter : JsonConverter<ImageEmbeddingItem>
{
    public override ImageEmbeddingItem Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return new ImageEmbeddingItem { Embedding = ReadRows(ref reader, options) };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An image embedding must be an object or an array of vectors, not {reader.TokenType}.");
        }

        List<float[]>? rows = null;
        int? start = null, length = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "embedding":
                    rows = ReadRows(ref reader, options);
                    break;
                case "image_patch_start":
                    start = ReadOptionalInt(ref reader);
                    break;
                case "image_patch_len":
                    length = ReadOptionalInt(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ImageEmbeddingItem { Embedding = rows, ImagePatchStart = start, ImagePatchLength = length };
    }

    public override void Write(Utf8JsonWriter writer, ImageEmbeddingItem value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Image embedding answers are only read.");

    private static List<float[]>? ReadRows(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, ColQwenJsonContext.GetTypeInfo<List<float[]>>(options));

    private static int? ReadOptionalInt(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
}

/// <summary>The body of <c>POST /patches</c>.</summary>
internal sealed class PatchesRequest
{
    [JsonPropertyName("dimensions")]
    public required IReadOnlyList<ImageDimensions> Dimensions { get; init; }
}

/// <summary>One image size, the element of <c>dimensions</c> and, alone, the body older versions took.</summary>
internal sealed class ImageDimensions
{
    [JsonPropertyName("width")]
    public int Width { get; init; }

    [JsonPropertyName("height")]
    public int Height { get; init; }
}

/// <summary>The answer to <c>POST /patches</c>: <c>results</c> now, a single result object from older versions.</summary>
internal sealed class PatchesResponse
{
    [JsonPropertyName("results")]
    public List<PatchResult>? Results { get; init; }

    [JsonPropertyName("n_patches_x")]
    public int? PatchesX { get; init; }

    [JsonPropertyName("n_patches_y")]
    public int? PatchesY { get; init; }

    [JsonPropertyName("width")]
    public int? Width { get; init; }

    [JsonPropertyName("height")]
    public int? Height { get; init; }
}

/// <summary>One item of <c>results</c>; a bad item carries <c>error</c> and null sizes.</summary>
internal sealed class PatchResult
{
    [JsonPropertyName("width")]
    public int? Width { get; init; }

    [JsonPropertyName("height")]
    public int? Height { get; init; }

    [JsonPropertyName("n_patches_x")]
    public int? PatchesX { get; init; }

    [JsonPropertyName("n_patches_y")]
    public int? PatchesY { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Providers.Core;

namespace Providers.ColQwen;

// Every float[] is a token vector: the Core converter rejects NaN and infinities as the answer is read.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(EmbeddingVectorJsonConverter)])]
[JsonSerializable(typeof(QueriesRequest))]
[JsonSerializable(typeof(QueryEmbeddingsResponse))]
[JsonSerializable(typeof(ImageEmbeddingsResponse))]
[JsonSerializable(typeof(List<float[]>))]
[JsonSerializable(typeof(PatchesRequest))]
[JsonSerializable(typeof(ImageDimensions))]
[JsonSerializable(typeof(PatchesResponse))]
[JsonSerializable(typeof(ColQwenServiceInfo))]
[JsonSerializable(typeof(ColQwenHealth))]
[JsonSerializable(typeof(ColQwenServiceDescription))]
internal sealed partial class ColQwenJsonContext : JsonSerializerContext
{
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

using System.Text.Json.Serialization;
using Providers.Core;

namespace Providers.SvRay;

// Every float[] is a token vector: the Core converter rejects NaN and infinities as the answer is read.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Converters = [typeof(EmbeddingVectorJsonConverter)])]
[JsonSerializable(typeof(MultiVectorRequestBody))]
[JsonSerializable(typeof(MultiVectorResponseBody))]
internal sealed partial class SvRayJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Providers.Core.OpenAI;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmbeddingRequestBody))]
[JsonSerializable(typeof(EmbeddingResponseBody))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;

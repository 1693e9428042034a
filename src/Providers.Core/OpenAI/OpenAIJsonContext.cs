using System.Text.Json.Serialization;

namespace Providers.Core.OpenAI;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmbeddingRequestBody))]
[JsonSerializable(typeof(EmbeddingResponseBody))]
[JsonSerializable(typeof(ChatRequestBody))]
[JsonSerializable(typeof(ChatCompletionBody))]
[JsonSerializable(typeof(ModelListBody))]
[JsonSerializable(typeof(string))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;

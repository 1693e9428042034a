using System.Text.Json.Serialization;

namespace Providers.Ovms;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, ConfigModelBody>))]
[JsonSerializable(typeof(RerankRequestBody))]
[JsonSerializable(typeof(RerankResponseBody))]
[JsonSerializable(typeof(TokenizeRequestBody))]
[JsonSerializable(typeof(TokenizeResponseBody))]
internal sealed partial class OvmsJsonContext : JsonSerializerContext;

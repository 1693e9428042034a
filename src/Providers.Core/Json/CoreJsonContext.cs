using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Core;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MultiVectorEmbedding))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;

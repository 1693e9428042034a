using System.Text.Json;
using System.Text.Json.Serialization;

namespace Providers.Spirit;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpiritSubmitResponse))]
[JsonSerializable(typeof(SpiritQueueResponse))]
[JsonSerializable(typeof(SpiritStatusResponse))]
[JsonSerializable(typeof(SpiritBatchStatusRequest))]
[JsonSerializable(typeof(SpiritBatchStatusResponse))]
[JsonSerializable(typeof(SpiritCancelResponse))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SpiritJsonContext : JsonSerializerContext;
